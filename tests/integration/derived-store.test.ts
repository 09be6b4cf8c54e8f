// Where derived files live and how they are committed: keyed by the original's SHA-256, written
// under a temporary name in the same folder, hashed and renamed when complete.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DerivedWrite, derivedPath, derivedRelativePath, isPartialDerivedName } from '../../electron/core/library/derived/derived-store.ts';
import { useTempFolders } from '../support/temp-folder.ts';

const tempFolder = useTempFolders();
const parent = 'ab'.padEnd(64, '0123456789abcdef');

describe('derived store', () => {
  it('puts files under derived/<first two hex digits>/<sha256>/ of the data folder', () => {
    const data = tempFolder();
    expect(derivedPath(data, parent, 'thumbnails-10x72.jpg')).toBe(path.join(data, 'derived', 'ab', parent, 'thumbnails-10x72.jpg'));
    expect(derivedRelativePath(parent, 'review-proxy.mp4')).toBe(`derived/ab/${parent}/review-proxy.mp4`);
  });

  it('refuses names and hashes that could leave the folder', () => {
    const data = tempFolder();
    for (const name of ['../x', 'a/b', '', '.hidden', 'x.partial-1234']) expect(() => derivedPath(data, parent, name), name).toThrow(/derived file name/);
    for (const sha of ['../..', 'AB'.repeat(32), parent.slice(1)]) expect(() => derivedPath(data, sha, 'x.jpg'), sha).toThrow(/SHA-256/);
  });

  it('commits by hashing and renaming the temporary file, and describes it', async () => {
    const data = tempFolder();
    const write = await DerivedWrite.begin(data, parent, 'waveform-50.peaks');
    expect(path.dirname(write.tempPath)).toBe(path.dirname(write.finalPath));
    expect(isPartialDerivedName(path.basename(write.tempPath))).toBe(true);
    writeFileSync(write.tempPath, 'peaks');
    expect(existsSync(write.finalPath)).toBe(false);

    const record = await write.commit({ kind: 'waveform', toolVersion: '5.1.9', parameters: { peaksPerSecond: 50 } });
    expect(record).toMatchObject({
      kind: 'waveform',
      parentSha256: parent,
      path: `derived/ab/${parent}/waveform-50.peaks`,
      sha256: createHash('sha256').update('peaks').digest('hex'),
      tool: 'ffmpeg',
      toolVersion: '5.1.9',
      parameters: { peaksPerSecond: 50 },
    });
    expect(Date.parse(record.createdUtc)).not.toBeNaN();
    expect(readFileSync(path.join(data, record.path), 'utf8')).toBe('peaks');
    expect(readdirSync(path.dirname(write.finalPath))).toEqual(['waveform-50.peaks']);
  });

  it('discards a temporary file without touching a finished one', async () => {
    const data = tempFolder();
    const first = await DerivedWrite.begin(data, parent, 'review-proxy.mp4');
    writeFileSync(first.tempPath, 'old');
    await first.commitPlain();
    const second = await DerivedWrite.begin(data, parent, 'review-proxy.mp4');
    writeFileSync(second.tempPath, 'half-writ');
    await second.discard();
    expect(readdirSync(path.dirname(first.finalPath))).toEqual(['review-proxy.mp4']);
    expect(readFileSync(first.finalPath, 'utf8')).toBe('old');
  });
});
