// The whole of ../shared/realdata as a station drive: every video file is either ingested with
// ffmpeg's decoded frame count or reported with its code, and the scan never stops on one file.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core.ts';
import { scanDrive, type FileReport } from '../../electron/core/library/station-scanner.ts';
import { openTestCore, testActor } from '../support/core.ts';
import { realdataFolder } from '../support/realdata.ts';
import { useTempFolders } from '../support/temp-folder.ts';

const tempFolder = useTempFolders();
let core: Core;
const reports: FileReport[] = [];

/** Frames ffmpeg's decoder outputs for the first video stream. */
function decodedFrames(file: string): number {
  const log = execFileSync('ffmpeg', ['-hide_banner', '-nostats', '-v', 'error', '-i', file, '-map', '0:v:0', '-f', 'null', '-progress', 'pipe:1', '-'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString();
  return Number([...log.matchAll(/^frame=(\d+)$/gm)].at(-1)?.[1] ?? -1);
}

beforeAll(async () => {
  core = await openTestCore(tempFolder());
  await scanDrive(core, testActor, realdataFolder, { onFile: (r) => reports.push(r) });
}, 300_000);
afterAll(() => core.close());

describe('scan of the real camera files', () => {
  it('accounts for every video file', () => {
    const videos = execFileSync('find', [realdataFolder, '-type', 'f', '(', '-iname', '*.mp4', '-o', '-iname', '*.mov', '-o', '-iname', '*.mkv', '-o', '-iname', '*.ts', '-o', '-iname', '*.mts', '-o', '-iname', '*.avi', '-o', '-iname', '*.ps', ')'])
      .toString()
      .trim()
      .split('\n')
      .map((f) => path.relative(realdataFolder, f))
      .sort();
    expect(reports.map((r) => r.path).sort()).toEqual(videos);
    expect(reports.every((r) => r.outcome === 'new' || r.outcome === 'problem')).toBe(true);
  });

  it('ingests each readable clip with the frame count ffmpeg decodes', () => {
    for (const report of reports.filter((r) => r.outcome === 'new')) {
      expect(report.frameCount, report.path).toBe(decodedFrames(path.join(realdataFolder, report.path)));
    }
  });

  it('reports the header-only and cut-off files with their codes', () => {
    const problems = Object.fromEntries(reports.filter((r) => r.errorCode).map((r) => [r.path, r.errorCode]));
    expect(problems).toMatchObject({
      'containers/mp4_mdat_size_too_long_truncated.mp4': 'TRUNCATED',
      'exiftool_stubs/exiftool_stub_canon_mvi_mjpeg_avi_header_only.avi': 'TRUNCATED',
      'exiftool_stubs/exiftool_stub_pentax_mjpeg_quicktime_header_only.mov': 'NOT_VIDEO',
    });
  });
});
