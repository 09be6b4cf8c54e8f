// The font captions and watermarks are drawn with (ffmpeg's drawtext needs a font file): DejaVu Sans
// as the app carries it (resources/fonts: beside the packaged app, or in the source tree), else the
// system's (Debian: fonts-dejavu-core).
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { appRoot } from '../../app-root.ts';
import { ServiceError } from '../service-error.ts';

const candidates = [
  process.env.REVIER_FONT ?? '',
  ...(typeof process.resourcesPath === 'string' ? [path.join(process.resourcesPath, 'fonts', 'DejaVuSans.ttf')] : []),
  path.join(appRoot, 'resources', 'fonts', 'DejaVuSans.ttf'),
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/TTF/DejaVuSans.ttf',
].filter(Boolean);

export function findFont(): string {
  for (const file of candidates) {
    try {
      accessSync(file, constants.R_OK);
      // drawtext reads the path inside a filter graph, where quotes, colons and backslashes are syntax.
      if (!/['\\:]/.test(file)) return file;
    } catch {
      // try the next one
    }
  }
  throw new ServiceError('unavailable', `No font to draw captions with: install DejaVu Sans (Debian: fonts-dejavu-core) or set REVIER_FONT; looked for ${candidates.join(', ')}`);
}
