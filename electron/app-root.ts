// Finds the installed app's root folder (the one with Revier's package.json), whether running
// from source, from dist/ or from an asar archive.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(start: string): string {
  let dir = start;
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string };
      if (pkg.name === 'revier') return dir;
    } catch {
      // no package.json here: keep walking up
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`Revier's package.json not found above ${start}`);
    dir = parent;
  }
}

export const appRoot = findRoot(path.dirname(fileURLToPath(import.meta.url)));
export const appVersion = (JSON.parse(readFileSync(path.join(appRoot, 'package.json'), 'utf8')) as { version: string }).version;
/** The built renderer (vite output). */
export const rendererDir = path.join(appRoot, 'dist', 'renderer');
