// Viewing footage. Opening a clip is a consultation: the justification and the clip go into the
// audit log before anything else happens, and only then is the clip's media token handed out.
// The hosts serve media bytes for known tokens only (media-handler.ts), so without a logged
// justification no byte of footage leaves the core. A grant belongs to the session that opened
// the clip and ends with it. A locked session keeps its grants: its window shows nothing but the
// lock screen, and the paused player goes on where it was once its user unlocks it. A clip
// under a processing lock (home before the judge's decision, or due for deletion) is not opened,
// and its media stop at once for grants handed out before the lock.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Actor } from '../../../shared/api/actor.ts';
import type { ProxyState } from '../../../shared/api/library.ts';
import type { ClipMedia, OpenedClip, WaveformPeaks } from '../../../shared/api/player.ts';
import type { Database } from '../../db/database.ts';
import { ClipEntity, DerivedFileEntity, FrameIndexEntity, type ClipRow } from '../../db/entities/library.ts';
import type { Access } from '../governance/access.ts';
import type { Sessions } from '../governance/accounts/sessions.ts';
import type { AuditService } from '../governance/audit-service.ts';
import { blockingLock, requireUnlocked } from '../governance/locks/lock-gate.ts';
import { decodeFrameIndex } from '../library/analysis/frame-index.ts';
import type { DerivedFiles } from '../library/derived-files.ts';
import { playableMediaType } from '../library/derived/codecs.ts';
import { derivedFolder } from '../library/derived/derived-store.ts';
import { frameTimeline } from '../library/derived/frame-times.ts';
import { readWaveform } from '../library/derived/waveform.ts';
import type { SettingsService } from '../settings/settings-service.ts';
import { ServiceError } from '../service-error.ts';

/** A file the media handler may serve, and the folders its real path must lie in. */
export interface MediaFile {
  path: string;
  roots: string[];
  mimeType: string;
}

interface Grant {
  sessionId: string;
  clipId: number;
  token: string;
}

const grantKey = (sessionId: string, clipId: number): string => `${sessionId}\n${clipId}`;

export class PlayerService {
  readonly #db: Database;
  readonly #audit: AuditService;
  readonly #access: Access;
  readonly #settings: SettingsService;
  readonly #derived: DerivedFiles;
  readonly #sessions: Sessions;
  readonly #dataFolder: string;
  readonly #byClip = new Map<string, Grant>();
  readonly #byToken = new Map<string, Grant>();

  constructor(db: Database, audit: AuditService, access: Access, settings: SettingsService, derived: DerivedFiles, sessions: Sessions, dataFolder: string) {
    this.#db = db;
    this.#audit = audit;
    this.#access = access;
    this.#settings = settings;
    this.#derived = derived;
    this.#sessions = sessions;
    this.#dataFolder = dataFolder;
    sessions.onEnded((session) => {
      for (const [key, grant] of this.#byClip) {
        if (grant.sessionId !== session.id) continue;
        this.#byClip.delete(key);
        this.#byToken.delete(grant.token);
      }
    });
  }

  async #clip(clipId: number): Promise<ClipRow> {
    const clip = await this.#db.dataSource.getRepository(ClipEntity).findOneBy({ id: clipId });
    if (!clip) throw new ServiceError('not_found', `No clip with id ${clipId}`);
    return clip;
  }

  /** Logs the consultation, then grants the clip's media for this session. */
  async open(actor: Actor, clipId: number, justification: string): Promise<OpenedClip> {
    await this.#access.requireClip(actor, 'footage.view', clipId);
    await requireUnlocked(this.#access, this.#db.dataSource.manager, actor, 'footage.view', clipId, 'footage');
    const clip = await this.#clip(clipId);
    if (clip.state === 'missing') throw new ServiceError('conflict', `Clip ${clipId} is missing from the station drive (${clip.path})`);
    const indexRow = await this.#db.dataSource.getRepository(FrameIndexEntity).findOneBy({ clipId });
    if (!indexRow || clip.frameCount === 0) throw new ServiceError('conflict', `Clip ${clipId} has no frames to show (${clip.problemMessage ?? 'no frame index'})`);
    const entry = await this.#audit.record(actor, {
      action: 'consultation',
      target: `clip:${clipId}`,
      event: 'player.open',
      details: { justification, recordingId: clip.recordingId, path: clip.path, sha256: clip.sha256 },
    });
    const key = grantKey(actor.sessionId, clipId);
    const grant = this.#byClip.get(key) ?? { sessionId: actor.sessionId, clipId, token: randomBytes(16).toString('hex') };
    this.#byClip.set(key, grant);
    this.#byToken.set(grant.token, grant);
    const index = decodeFrameIndex(indexRow.data);
    const proxy = await this.#derived.requestProxy(clipId, (await this.#settings.get()).stationDrive, 'open');
    return {
      clipId,
      recordingId: clip.recordingId,
      consultation: entry.sequence,
      justification,
      media: await this.#media(clip, grant),
      proxy,
      frames: frameTimeline(index),
    };
  }

  /** Refuses unless the actor opened the clip with a justification in this session. */
  requireOpen(actor: Actor, clipId: number): Grant {
    const grant = this.#byClip.get(grantKey(actor.sessionId, clipId));
    if (!grant) throw new ServiceError('forbidden', `Clip ${clipId} was not opened with a justification in this session`);
    return grant;
  }

  /** The media of a clip opened in this session; null while its review proxy is not ready. */
  async media(actor: Actor, clipId: number): Promise<ClipMedia | null> {
    const grant = this.requireOpen(actor, clipId);
    return this.#media(await this.#clip(clipId), grant);
  }

  async #media(clip: ClipRow, grant: Grant): Promise<ClipMedia | null> {
    const file = await this.#file(clip);
    return file && { token: grant.token, source: clip.playable ? 'original' : 'proxy', mimeType: file.mimeType };
  }

  async #file(clip: ClipRow): Promise<MediaFile | null> {
    if (clip.playable) {
      const drive = (await this.#settings.get()).stationDrive;
      const container = (JSON.parse(clip.probe) as { container: string }).container;
      const mimeType = playableMediaType(container);
      return drive && mimeType ? { path: path.join(drive, clip.path), roots: [drive], mimeType } : null;
    }
    const proxy = await this.#db.dataSource.getRepository(DerivedFileEntity).findOneBy({ parentSha256: clip.sha256, kind: 'proxy' });
    if (!proxy) return null;
    return { path: path.join(this.#dataFolder, proxy.path), roots: [derivedFolder(this.#dataFolder, clip.sha256)], mimeType: 'video/mp4' };
  }

  /** The file behind a media token, or null for a token no live session holds. */
  async resolveMedia(token: string): Promise<MediaFile | null> {
    const grant = this.#byToken.get(token);
    if (!grant || !this.#sessions.get(grant.sessionId)) return null;
    if (await blockingLock(this.#db.dataSource.manager, grant.clipId, 'footage')) return null;
    const clip = await this.#db.dataSource.getRepository(ClipEntity).findOneBy({ id: grant.clipId });
    return clip && clip.state !== 'missing' ? this.#file(clip) : null;
  }

  /** Asks for the clip's review proxy (made in the background queue) and answers its state. */
  async requestProxy(actor: Actor, clipId: number): Promise<ProxyState> {
    await this.#access.requireClip(actor, 'footage.view', clipId);
    await requireUnlocked(this.#access, this.#db.dataSource.manager, actor, 'footage.view', clipId, 'footage');
    return this.#derived.requestProxy(clipId, (await this.#settings.get()).stationDrive, 'open');
  }

  /** Audio peaks of a clip for the timeline, or null when it has no audio (or none made yet). */
  async waveform(actor: Actor, clipId: number): Promise<WaveformPeaks | null> {
    await this.#access.requireClip(actor, 'footage.view', clipId);
    if (await blockingLock(this.#db.dataSource.manager, clipId, 'footage')) return null;
    const clip = await this.#clip(clipId);
    const derived = await this.#db.dataSource.getRepository(DerivedFileEntity).findOneBy({ parentSha256: clip.sha256, kind: 'waveform' });
    if (!derived) return null;
    const waveform = await readWaveform(path.join(this.#dataFolder, derived.path)).catch(() => null);
    if (!waveform) return null;
    const bytes = Buffer.from(waveform.peaks.buffer, waveform.peaks.byteOffset, waveform.peaks.byteLength);
    return {
      channels: waveform.channels,
      peaksPerSecond: waveform.peaksPerSecond,
      startSeconds: waveform.startSeconds,
      peakCount: waveform.peakCount,
      peaks: bytes.toString('base64'),
    };
  }
}
