// Finds ffmpeg and ffprobe: first in the folder the packaged app carries them in (extra
// resources), then on PATH. Their versions are read once, at start.
import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface MediaTool {
  path: string;
  version: string;
}

export interface MediaTools {
  ffmpeg: MediaTool | null;
  ffprobe: MediaTool | null;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first executable called `name` in `dirs`, then on PATH. */
export function findOnPath(name: string, dirs: string[] = []): string | null {
  const executable = process.platform === 'win32' ? `${name}.exe` : name;
  const pathDirs = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  return [...dirs, ...pathDirs].map((dir) => path.join(dir, executable)).find(isExecutable) ?? null;
}

export function findTool(name: 'ffmpeg' | 'ffprobe', bundledDir?: string): string | null {
  return findOnPath(name, bundledDir ? [bundledDir] : []);
}

async function describe(name: 'ffmpeg' | 'ffprobe', bundledDir?: string): Promise<MediaTool | null> {
  const file = findTool(name, bundledDir);
  if (!file) return null;
  try {
    const { stdout } = await run(file, ['-hide_banner', '-version'], { timeout: 10_000 });
    const version = /version\s+(\S+)/.exec(stdout)?.[1] ?? 'unknown';
    return { path: file, version };
  } catch {
    return null;
  }
}

export async function detectMediaTools(bundledDir?: string): Promise<MediaTools> {
  const [ffmpeg, ffprobe] = await Promise.all([describe('ffmpeg', bundledDir), describe('ffprobe', bundledDir)]);
  return { ffmpeg, ffprobe };
}
