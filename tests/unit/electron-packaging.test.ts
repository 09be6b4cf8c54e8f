// electron-builder.yml and the afterPack hook that flips Electron's fuses (with an injected
// flipFuses: no packaged binary here).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as fuses from '@electron/fuses';
import { describe, expect, it } from 'vitest';
import { afterPack, electronExecutable, fuseSettings, type AfterPackContext } from '../../build/after-pack.cjs';

const root = path.resolve(import.meta.dirname, '../..');
// js-yaml comes with electron-builder, which reads this very file with it.
const yaml = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown };

interface BuilderConfig {
  appId: string;
  productName: string;
  directories: { output: string };
  files: string[];
  asar: boolean;
  extraResources: { from: string; to: string }[];
  npmRebuild: boolean;
  afterPack: string;
  linux: { target: string[]; category: string; maintainer: string };
  win: { target: string[] };
  nsis: { oneClick: boolean; perMachine: boolean };
}

const config = yaml.load(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as BuilderConfig;

/** Whether electron-builder's `files` patterns take a file: the last matching pattern decides. */
function packaged(file: string): boolean {
  let included = false;
  for (const pattern of config.files) {
    const negated = pattern.startsWith('!');
    if (path.matchesGlob(file, negated ? pattern.slice(1) : pattern)) included = !negated;
  }
  return included;
}

describe('electron-builder.yml', () => {
  it('names the app and packs it into an asar archive in release/', () => {
    expect(config).toMatchObject({ appId: 'de.polizei-bw.revier', productName: 'Revier', asar: true, directories: { output: 'release' } });
  });

  it('packs the build output and package.json, never tests, sources or source maps', () => {
    for (const file of ['package.json', 'dist/electron/main.js', 'dist/electron/preload.cjs', 'dist/renderer/index.html']) {
      expect(packaged(file), file).toBe(true);
    }
    for (const file of ['tests/unit/electron-window.test.ts', 'electron/main.ts', 'shared/api/contract.ts', 'renderer/src/main.ts', 'dist/electron/main.js.map', 'build/after-pack.cjs']) {
      expect(packaged(file), file).toBe(false);
    }
  });

  it('carries ffmpeg for the target system where the core looks first (resources/ffmpeg)', () => {
    expect(config.extraResources).toContainEqual(expect.objectContaining({ from: 'resources/ffmpeg/${os}/', to: 'ffmpeg' }));
  });

  it('carries the caption and watermark font, which exists, with its licence', () => {
    expect(config.extraResources).toContainEqual(expect.objectContaining({ from: 'resources/fonts/', to: 'fonts' }));
    expect(existsSync(path.join(root, 'resources', 'fonts', 'DejaVuSans.ttf'))).toBe(true);
    expect(existsSync(path.join(root, 'resources', 'fonts', 'DejaVu-LICENSE.txt'))).toBe(true);
  });

  it('rebuilds native modules for Electron and runs the fuse hook, which exists', () => {
    expect(config.npmRebuild).toBe(true);
    expect(existsSync(path.join(root, config.afterPack))).toBe(true);
  });

  it('builds AppImage and deb for Linux and a per-machine, non-one-click NSIS installer for Windows', () => {
    expect(config.linux).toMatchObject({ target: ['AppImage', 'deb'], category: 'Video' });
    expect(config.linux.maintainer).toMatch(/<.+@.+>/);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: true });
  });
});

describe('after-pack fuses', () => {
  const context = (electronPlatformName: string): AfterPackContext => ({
    appOutDir: path.join('/out', `${electronPlatformName}-unpacked`),
    electronPlatformName,
    packager: { appInfo: { productFilename: 'Revier' }, ...(electronPlatformName === 'linux' ? { executableName: 'revier' } : {}) },
  });

  async function flippedOn(electronPlatformName: string) {
    const calls: { executable: string; config: Record<string, unknown> }[] = [];
    await afterPack(context(electronPlatformName), {
      ...fuses,
      flipFuses: async (executable, config) => {
        calls.push({ executable, config });
        return 1;
      },
    });
    return calls;
  }

  it('switches off running as Node, NODE_OPTIONS and inspector flags, and locks the app to its checked asar', async () => {
    const [call] = await flippedOn('linux');
    expect(call?.config).toEqual({
      version: fuses.FuseVersion.V1,
      resetAdHocDarwinSignature: false,
      [fuses.FuseV1Options.RunAsNode]: false,
      [fuses.FuseV1Options.EnableCookieEncryption]: true,
      [fuses.FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [fuses.FuseV1Options.EnableNodeCliInspectArguments]: false,
      [fuses.FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [fuses.FuseV1Options.OnlyLoadAppFromAsar]: true,
      [fuses.FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    });
    expect(Object.keys(fuseSettings)).toHaveLength(7);
  });

  it.each([
    ['linux', path.join('/out', 'linux-unpacked', 'revier'), false],
    ['win32', path.join('/out', 'win32-unpacked', 'Revier.exe'), false],
    ['darwin', path.join('/out', 'darwin-unpacked', 'Revier.app'), true],
  ])('flips the fuses of the %s executable once', async (platform, executable, resetsSignature) => {
    const calls = await flippedOn(platform);
    expect(calls.map((call) => call.executable)).toEqual([executable]);
    expect(calls[0]?.config.resetAdHocDarwinSignature).toBe(resetsSignature);
    expect(electronExecutable(context(platform))).toBe(executable);
  });

  it('refuses an unknown platform instead of flipping nothing', async () => {
    await expect(flippedOn('beos')).rejects.toThrow(/unknown platform beos/);
  });
});
