// A fresh temporary folder per test (or per file, for `scope: 'file'`), removed afterwards.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach } from 'vitest';

export function useTempFolders(scope: 'test' | 'file' = 'test'): (prefix?: string) => string {
  const created: string[] = [];
  (scope === 'test' ? afterEach : afterAll)(() => {
    for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return (prefix = 'revier-test-') => {
    const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
    created.push(dir);
    return dir;
  };
}
