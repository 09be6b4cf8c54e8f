// The font captions and watermarks are drawn with (ffmpeg's drawtext needs a font file): the one the
// packaged app carries, else DejaVu Sans from the system (Debian: fonts-dejavu-core).
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { ServiceError } from '../service-error.ts';

const candidates = [
  process.env.REVIER_FONT ?? '',
  ...(typeof process.resourcesPath === 'string' ? [path.join(process.resourcesPath, 'fonts', 'DejaVuSans.ttf')] : []),
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
