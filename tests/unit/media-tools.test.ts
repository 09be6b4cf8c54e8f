// Finding ffmpeg and ffprobe: the folder the packaged app carries them in comes before PATH.
import { chmodSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectMediaTools, findTool } from '../../electron/core/media/media-tools.ts';
import { useTempFolders } from '../support/temp-folder.ts';

const tempFolder = useTempFolders();

function fakeTool(dir: string, name: string, version: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, `#!/bin/sh\necho "${name} version ${version} Copyright (c) the FFmpeg developers"\n`);
  chmodSync(file, 0o755);
  return file;
}

describe('media tools', () => {
  it('finds the system ffmpeg and ffprobe with their versions', async () => {
    const tools = await detectMediaTools();
    expect(tools.ffmpeg?.path).toMatch(/ffmpeg$/);
    expect(tools.ffmpeg?.version).toMatch(/^\d+\.\d+/);
    expect(tools.ffprobe?.version).toBe(tools.ffmpeg?.version);
  });

  it('prefers the bundled folder over PATH', async () => {
    const bundled = tempFolder();
    fakeTool(bundled, 'ffmpeg', '99.1-bundled');
    fakeTool(bundled, 'ffprobe', '99.1-bundled');
    const tools = await detectMediaTools(bundled);
    expect(tools.ffmpeg).toEqual({ path: path.join(bundled, 'ffmpeg'), version: '99.1-bundled' });
    expect(tools.ffprobe).toEqual({ path: path.join(bundled, 'ffprobe'), version: '99.1-bundled' });
  });

  it('skips a bundled file that is not executable', () => {
    const bundled = tempFolder();
    writeFileSync(path.join(bundled, 'ffmpeg'), 'not a program');
    expect(findTool('ffmpeg', bundled)).not.toBe(path.join(bundled, 'ffmpeg'));
  });
});
