// Opening a clip: the consultation is audited with its justification before the media token
// exists; media is only resolved for tokens handed out to a live session; the frame
// index reaches the player.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core.ts';
import { createHandlers, dispatch, type CallContext } from '../../electron/core/handlers.ts';
import { ClipEntity } from '../../electron/db/entities/library.ts';
import type { ProxyState } from '../../shared/api/library.ts';
import type { Expected } from '../fixtures/generate-station.ts';
import type { Actor } from '../../shared/api/actor.ts';
import { adminActor, dpoActor, openTestCore, signedInContext, signInAs, testActor, testPassword } from '../support/core.ts';
import { copyOfStationDrive } from '../support/station-drive.ts';
import { useTempFolders } from '../support/temp-folder.ts';

const tempFolder = useTempFolders('file');
let core: Core;
let drive: string;
let expected: Expected;
let clipIds: Map<string, number>;
/** A supervisor signed in at a window: media tokens only serve a live session. */
let viewer: Actor;

beforeAll(async () => {
  const folder = tempFolder();
  ({ drive, expected } = await copyOfStationDrive(folder));
  core = await openTestCore(path.join(folder, 'data'));
  await core.settings.update(adminActor, { stationDrive: drive });
  viewer = await signInAs(core, 'supervisor', 'pk4711');
  await core.scans.start(viewer);
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
  return (await core.auditReports.query(dpoActor, { page: 1, pageSize: 1 })).entries[0];
}

describe('player.open', () => {
  it('audits the consultation with its justification, then hands out the media token', async () => {
    const { clip, id } = clipOf('b-frames');
    expect(await core.player.resolveMedia('0'.repeat(32))).toBeNull();
    await expect(core.player.media(viewer, id)).rejects.toMatchObject({ code: 'forbidden' });

    const opened = await core.player.open(viewer, id, 'Az. 4711 Js 123/24');
    const entry = await lastEntry();
    expect(entry).toMatchObject({
      sequence: opened.consultation,
      action: 'consultation',
      target: `clip:${id}`,
      event: 'player.open',
      actor: { userId: viewer.userId },
      details: { justification: 'Az. 4711 Js 123/24', path: clip.path, recordingId: opened.recordingId },
    });
    expect(opened.media).toMatchObject({ source: 'original', mimeType: 'video/mp4', token: expect.stringMatching(/^[0-9a-f]{32}$/) });
    const file = await core.player.resolveMedia(opened.media?.token ?? '');
    expect(file).toEqual({ path: path.join(drive, clip.path), roots: [drive], mimeType: 'video/mp4' });
    expect(await core.player.media(viewer, id)).toEqual(opened.media);
  });

  it('keeps one token per clip and audits every opening', async () => {
    const { id } = clipOf('cfr-25');
    const mkv = clipOf('mkv-ms-timestamps');
    const first = await core.player.open(viewer, mkv.id, 'Vorgang Widerstand 14.03.');
    const again = await core.player.open(viewer, mkv.id, 'Vorgang Widerstand 14.03.');
    expect(again.media?.token).toBe(first.media?.token);
    expect(again.consultation).toBe(first.consultation + 1);
    expect(first.media?.mimeType).toBe('video/x-matroska');
    expect(id).not.toBe(mkv.id);
  });

  it.each(['cfr-30', 'mkv-ms-timestamps', 'vfr', 'edit-list', 'b-frames', 'long-gop-1080p'])('gives the player the frame index of the %s clip', async (tag) => {
    const { clip, id } = clipOf(tag);
    const { frames } = await core.player.open(viewer, id, 'Frame index check');
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
    const opened = await core.player.open(viewer, id, 'Proxy check');
    if (opened.proxy.state !== 'done') {
      expect(opened.media).toBeNull();
      expect(['queued', 'running']).toContain(opened.proxy.state);
      expect((await done).state).toBe('done');
    }
    const media = await core.player.media(viewer, id);
    expect(media).toMatchObject({ source: 'proxy', mimeType: 'video/mp4', token: opened.media?.token ?? expect.any(String) });
    const file = await core.player.resolveMedia(media?.token ?? '');
    expect(file?.path.startsWith(path.join(core.dataFolder, 'derived'))).toBe(true);
    expect(file?.roots).toHaveLength(1);
    expect(file?.path.startsWith(file?.roots[0] ?? '/nowhere')).toBe(true);
    expect(opened.frames.seconds).toHaveLength(clip.frameCount);
  });

  it('refuses an unknown clip and an empty justification, and audits neither', async () => {
    const handlers = createHandlers(core);
    const context: CallContext = await signedInContext(core, 'supervisor', 'pk4711');
    const before = (await core.auditReports.verify(dpoActor)).entries;
    expect(await dispatch(handlers, 'player.open', { clipId: 999_999, justification: 'Prüfung' }, context)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await dispatch(handlers, 'player.open', { clipId: clipOf('cfr-30').id, justification: '   ' }, context)).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(await dispatch(handlers, 'player.open', { clipId: clipOf('cfr-30').id, justification: 'x'.repeat(501) }, context)).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    // verify() itself appends one entry.
    expect((await core.auditReports.verify(dpoActor)).entries).toBe(before + 1);
  });
});

describe('media grants', () => {
  it('serve only the session that opened the clip, also while it is locked, and end with it', async () => {
    const { id } = clipOf('cfr-30');
    const window = await signInAs(core, 'supervisor', 'pk4711');
    const opened = await core.player.open(window, id, 'Az. 4711 Js 125/24');
    const token = opened.media?.token ?? '';
    expect(await core.player.resolveMedia(token)).toMatchObject({ mimeType: 'video/mp4' });
    const otherWindow = await signInAs(core, 'supervisor', 'pk4711');
    await expect(core.player.media(otherWindow, id)).rejects.toMatchObject({ code: 'forbidden' });

    await core.accounts.lock(window.sessionId);
    expect(await core.player.resolveMedia(token)).toMatchObject({ mimeType: 'video/mp4' });
    await core.accounts.unlock(window.sessionId, testPassword);
    expect(await core.player.resolveMedia(token)).toMatchObject({ mimeType: 'video/mp4' });

    await core.accounts.signOut(window.sessionId);
    expect(await core.player.resolveMedia(token)).toBeNull();
    await expect(core.player.media(window, id)).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('serves nothing to a session nobody is signed in with', async () => {
    const opened = await core.player.open(testActor, clipOf('cfr-25').id, 'Az. 4711 Js 126/24');
    expect(opened.media?.token).toMatch(/^[0-9a-f]{32}$/);
    expect(await core.player.resolveMedia(opened.media?.token ?? '')).toBeNull();
  });
});

describe('library.waveform', () => {
  it('returns the peaks of a clip with sound and null for a video-only clip', async () => {
    const peaks = await core.player.waveform(viewer, clipOf('cfr-30').id);
    expect(peaks).toMatchObject({ channels: 1, peaksPerSecond: 50 });
    const bytes = Buffer.from(peaks?.peaks ?? '', 'base64');
    expect(bytes.length).toBe((peaks?.peakCount ?? 0) * (peaks?.channels ?? 0) * 4);
    const values = new Int16Array(bytes.buffer, bytes.byteOffset, bytes.length / 2);
    // The fixture's 1 kHz tone at -6 dBFS peaks near half of full scale.
    expect(Math.max(...values)).toBeGreaterThan(0.4 * 32767);
    expect(await core.player.waveform(viewer, clipOf('video-only').id)).toBeNull();
  });
});
