// Opening a clip: the consultation is audited with its justification before the media token
// exists; media is only resolved for tokens handed out; the frame index reaches the player.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core.ts';
import { createHandlers, dispatch } from '../../electron/core/handlers.ts';
import { ClipEntity } from '../../electron/db/entities/library.ts';
import type { ProxyState } from '../../shared/api/library.ts';
import type { Expected } from '../fixtures/generate-station.ts';
import { openTestCore, testActor } from '../support/core.ts';
import { copyOfStationDrive } from '../support/station-drive.ts';
import { useTempFolders } from '../support/temp-folder.ts';

const tempFolder = useTempFolders('file');
let core: Core;
let drive: string;
let expected: Expected;
let clipIds: Map<string, number>;

beforeAll(async () => {
  const folder = tempFolder();
  ({ drive, expected } = await copyOfStationDrive(folder));
  core = await openTestCore(path.join(folder, 'data'));
  await core.settings.update(testActor, { stationDrive: drive });
  core.scans.start(testActor);
  await core.scans.idle();
  const clips = await core.db.dataSource.getRepository(ClipEntity).find();
  clipIds = new Map(clips.map((clip) => [clip.path, clip.id]));
});
afterAll(() => core.close());

function clipOf(tag: string) {
  const clip = expected.clips.find((c) => c.tags.includes(tag as never));
  if (!clip) throw new Error(`no fixture clip tagged ${tag}`);
  const id = clipIds.get(clip.path);
  if (id === undefined) throw new Error(`${clip.path} was not ingested`);
  return { clip, id };
}

async function lastEntry() {
  return (await core.audit.list(testActor, 1, 2)).entries[1];
}

describe('player.open', () => {
  it('audits the consultation with its justification, then hands out the media token', async () => {
    const { clip, id } = clipOf('b-frames');
    expect(await core.player.resolveMedia('0'.repeat(32))).toBeNull();
    await expect(core.player.media(id)).rejects.toMatchObject({ code: 'forbidden' });

    const opened = await core.player.open(testActor, id, 'Az. 4711 Js 123/24');
    const entry = await lastEntry();
    expect(entry).toMatchObject({
      sequence: opened.consultation,
      action: 'consultation',
      target: `clip:${id}`,
      event: 'player.open',
      actor: { userId: testActor.userId },
      details: { justification: 'Az. 4711 Js 123/24', path: clip.path, recordingId: opened.recordingId },
    });
    expect(opened.media).toMatchObject({ source: 'original', mimeType: 'video/mp4', token: expect.stringMatching(/^[0-9a-f]{32}$/) });
    const file = await core.player.resolveMedia(opened.media?.token ?? '');
    expect(file).toEqual({ path: path.join(drive, clip.path), roots: [drive], mimeType: 'video/mp4' });
    expect(await core.player.media(id)).toEqual(opened.media);
  });

  it('keeps one token per clip and audits every opening', async () => {
    const { id } = clipOf('cfr-25');
    const mkv = clipOf('mkv-ms-timestamps');
    const first = await core.player.open(testActor, mkv.id, 'Vorgang Widerstand 14.03.');
    const again = await core.player.open(testActor, mkv.id, 'Vorgang Widerstand 14.03.');
    expect(again.media?.token).toBe(first.media?.token);
    expect(again.consultation).toBe(first.consultation + 1);
    expect(first.media?.mimeType).toBe('video/x-matroska');
    expect(id).not.toBe(mkv.id);
  });

  it.each(['cfr-30', 'mkv-ms-timestamps', 'vfr', 'edit-list', 'b-frames', 'long-gop-1080p'])('gives the player the frame index of the %s clip', async (tag) => {
    const { clip, id } = clipOf(tag);
    const { frames } = await core.player.open(testActor, id, 'Frame index check');
    expect(frames.seconds).toHaveLength(clip.frameCount);
    // An edit list that cuts mid-GOP hides the keyframe: the first shown keyframe comes later.
    const firstKeyframe = (clip.keyframeInterval - clip.hiddenLeadingFrames) % clip.keyframeInterval;
    expect(frames.keyframes.slice(0, 2)).toEqual([firstKeyframe, firstKeyframe + clip.keyframeInterval]);
    for (let n = 1; n < frames.seconds.length; n++) expect(frames.seconds[n]).toBeGreaterThan(frames.seconds[n - 1] ?? Infinity);
    if (clip.framePts) {
      const { timescale, pts } = clip.framePts;
      expect(frames.seconds).toEqual(pts.map((p) => expect.closeTo(p / timescale, 6)));
    }
  });

  it('serves an AVI through its review proxy once the proxy is done', async () => {
    const { id, clip } = clipOf('avi-mjpeg');
    const done = new Promise<ProxyState>((resolve) =>
      core.events.subscribe((event, payload) => {
        const state = payload as ProxyState;
        if (event === 'proxy.progress' && state.sha256 !== '' && (state.state === 'done' || state.state === 'failed')) resolve(state);
      }),
    );
    const opened = await core.player.open(testActor, id, 'Proxy check');
    if (opened.proxy.state !== 'done') {
      expect(opened.media).toBeNull();
      expect(['queued', 'running']).toContain(opened.proxy.state);
      expect((await done).state).toBe('done');
    }
    const media = await core.player.media(id);
    expect(media).toMatchObject({ source: 'proxy', mimeType: 'video/mp4', token: opened.media?.token ?? expect.any(String) });
    const file = await core.player.resolveMedia(media?.token ?? '');
    expect(file?.path.startsWith(path.join(core.dataFolder, 'derived'))).toBe(true);
    expect(file?.roots).toHaveLength(1);
    expect(file?.path.startsWith(file?.roots[0] ?? '/nowhere')).toBe(true);
    expect(opened.frames.seconds).toHaveLength(clip.frameCount);
  });

  it('refuses an unknown clip and an empty justification, and audits neither', async () => {
    const handlers = createHandlers(core);
    const before = (await core.audit.verify(testActor)).entries;
    expect(await dispatch(handlers, 'player.open', { clipId: 999_999, justification: 'Prüfung' }, { actor: testActor })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await dispatch(handlers, 'player.open', { clipId: clipOf('cfr-30').id, justification: '   ' }, { actor: testActor })).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(await dispatch(handlers, 'player.open', { clipId: clipOf('cfr-30').id, justification: 'x'.repeat(501) }, { actor: testActor })).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    // verify() itself appends one entry.
    expect((await core.audit.verify(testActor)).entries).toBe(before + 1);
  });
});

describe('library.waveform', () => {
  it('returns the peaks of a clip with sound and null for a video-only clip', async () => {
    const peaks = await core.player.waveform(clipOf('cfr-30').id);
    expect(peaks).toMatchObject({ channels: 1, peaksPerSecond: 50 });
    const bytes = Buffer.from(peaks?.peaks ?? '', 'base64');
    expect(bytes.length).toBe((peaks?.peakCount ?? 0) * (peaks?.channels ?? 0) * 4);
    const values = new Int16Array(bytes.buffer, bytes.byteOffset, bytes.length / 2);
    // The fixture's 1 kHz tone at -6 dBFS peaks near half of full scale.
    expect(Math.max(...values)).toBeGreaterThan(0.4 * 32767);
    expect(await core.player.waveform(clipOf('video-only').id)).toBeNull();
  });
});
