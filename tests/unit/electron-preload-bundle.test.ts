// Builds the sandboxed preload with its vite config and runs the bundle the way a sandbox would:
// one CommonJS file whose `require` knows only 'electron'.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PreloadBridge } from '../../shared/api/bridge.ts';
import { ipcChannel, methodNames } from '../../shared/api/contract.ts';

const root = path.resolve(import.meta.dirname, '../..');
let outDir: string;
let bundle: string;

beforeAll(async () => {
  outDir = mkdtempSync(path.join(os.tmpdir(), 'revier-preload-'));
  await build({ root, configFile: path.join(root, 'build/vite.preload.config.ts'), logLevel: 'silent', build: { outDir } });
  bundle = readFileSync(path.join(outDir, 'preload.cjs'), 'utf8');
}, 60_000);

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('the preload bundle', () => {
  it('requires nothing but electron', () => {
    expect([...bundle.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((match) => match[1])).toEqual(['electron']);
  });

  it('exposes the contract bridge as `revier` and nothing else', async () => {
    const exposed = new Map<string, unknown>();
    const invoked: unknown[][] = [];
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, value: unknown) => exposed.set(key, value) },
      ipcRenderer: {
        invoke: (...args: unknown[]) => Promise.resolve(invoked.push(args)),
        on: () => undefined,
        removeListener: () => undefined,
      },
    };
    const sandboxRequire = (name: string) => {
      if (name !== 'electron') throw new Error(`module not found in the sandbox: ${name}`);
      return electron;
    };
    vm.runInNewContext(bundle, { require: sandboxRequire, module: { exports: {} }, exports: {} });

    expect([...exposed.keys()]).toEqual(['revier']);
    const bridge = exposed.get('revier') as PreloadBridge;
    expect(Object.keys(bridge.methods)).toEqual(methodNames);
    await bridge.methods['audit.query']({ page: 2 });
    expect(invoked).toEqual([[ipcChannel('audit.query'), { page: 2 }]]);
  });
});
