// Launches the real Electron app, only where the Electron runtime is installed.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PreloadBridge } from '../../shared/api/bridge.ts';
import { methodNames } from '../../shared/api/contract.ts';
import { electronBinary } from '../../electron/electron-runtime.ts';

const root = path.resolve(import.meta.dirname, '../..');

const binary = electronBinary();
const hasElectron = binary !== null;
if (!hasElectron) console.info('Electron runtime not installed on this machine: skipping launch test');

describe('the packaged-style Electron app', () => {
  it.skipIf(!hasElectron)('opens the window with the contract bridge, without Node and without network', async () => {
    for (const built of ['dist/electron/main.js', 'dist/electron/preload.cjs', 'dist/renderer/index.html']) {
      expect(existsSync(path.join(root, built)), `${built} is missing: run the build first`).toBe(true);
    }
    const { _electron } = await import('@playwright/test');
    const dataFolder = mkdtempSync(path.join(os.tmpdir(), 'revier-electron-'));
    const app = await _electron.launch({ executablePath: binary ?? '', args: [root, `--data=${dataFolder}`] });
    try {
      const page = await app.firstWindow();
      expect(page.url()).toBe('app://renderer/index.html');
      const seen = await page.evaluate(async () => {
        const bridge = (window as unknown as { revier?: PreloadBridge }).revier;
        const status = (await bridge?.methods['app.status']({})) as { ok: boolean; value?: { host: string } };
        const remote = await fetch('https://example.org/').then(() => 'reached', () => 'blocked');
        return {
          methods: Object.keys(bridge?.methods ?? {}).sort(),
          node: typeof (globalThis as { require?: unknown }).require + typeof (globalThis as { process?: unknown }).process,
          host: status.ok ? status.value?.host : 'error',
          remote,
          popup: window.open('https://example.org/') === null,
        };
      });
      expect(seen).toEqual({ methods: [...methodNames].sort(), node: 'undefinedundefined', host: 'electron', remote: 'blocked', popup: true });
    } finally {
      await app.close();
      rmSync(dataFolder, { recursive: true, force: true });
    }
  });
});
