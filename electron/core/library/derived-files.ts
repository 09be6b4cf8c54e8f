// The derived files of the station's clips, recorded in `derived_file` with their provenance:
// thumbnail strips and waveforms made after ingest, and H.264 review proxies for clips the
// renderer cannot play, made in a background queue where the clip a user opens goes first.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { ProxyState } from '../../../shared/api/library.ts';
import type { Database } from '../../db/database.ts';
import { ClipEntity, DerivedFileEntity, FrameIndexEntity, type ClipRow } from '../../db/entities/library.ts';
import type { CoreEvents } from '../core-events.ts';
import type { MediaTools } from '../media/media-tools.ts';
import { ServiceError } from '../service-error.ts';
import { decodeFrameIndex } from './analysis/frame-index.ts';
import type { DerivedFileRecord, DerivedKind } from './derived/derived-store.ts';
import { ProxyQueue, reviewProxyWorker } from './derived/proxy-queue.ts';
import { makeThumbnailStrip } from './derived/thumbnail-strip.ts';
import { makeWaveform } from './derived/waveform.ts';

export class DerivedFiles {
  readonly #db: Database;
  readonly #tools: MediaTools;
  readonly #dataFolder: string;
  readonly #proxies: ProxyQueue | null;

  constructor(db: Database, tools: MediaTools, dataFolder: string, events: CoreEvents) {
    this.#db = db;
    this.#tools = tools;
    this.#dataFolder = dataFolder;
    const { ffmpeg, ffprobe } = tools;
    if (ffmpeg && ffprobe) {
      const makeProxy = reviewProxyWorker({ ffmpegPath: ffmpeg.path, ffprobePath: ffprobe.path, ffmpegVersion: ffmpeg.version }, dataFolder);
      // Recorded before the queue reports 'done', so whoever hears 'done' finds the proxy.
      this.#proxies = new ProxyQueue(async (job, context) => {
        const record = await makeProxy(job, context);
        await this.#store(record);
        return record;
      });
    } else {
      this.#proxies = null;
    }
    this.#proxies?.subscribe((event) => events.emit('proxy.progress', { sha256: event.sha256, state: event.state, fraction: event.fraction, error: event.error ?? null }));
  }

  async #existing(sha256: string, kind: DerivedKind): Promise<boolean> {
    const row = await this.#db.dataSource.getRepository(DerivedFileEntity).findOneBy({ parentSha256: sha256, kind });
    return row !== null && existsSync(path.join(this.#dataFolder, row.path));
  }

  #store(record: DerivedFileRecord): Promise<void> {
    return this.#db.transaction(async (manager) => {
      const repository = manager.getRepository(DerivedFileEntity);
      await repository.delete({ parentSha256: record.parentSha256, kind: record.kind });
      await repository.insert({ ...record, parameters: JSON.stringify(record.parameters) });
    });
  }

  /** Thumbnail strip and waveform of a clip whose original is at `file`, unless they exist. */
  async prepare(clip: ClipRow, file: string, signal?: AbortSignal): Promise<void> {
    const ffmpeg = this.#tools.ffmpeg;
    if (!ffmpeg) return;
    if (!(await this.#existing(clip.sha256, 'thumbnails'))) {
      const frameIndex = await this.#frameIndex(clip.id);
      const rotation = (JSON.parse(clip.probe) as { video: { rotation: number } | null }).video?.rotation ?? 0;
      const strip = await makeThumbnailStrip({ file, sha256: clip.sha256, frameIndex, rotation }, ffmpeg.path, ffmpeg.version, this.#dataFolder, { signal });
      await this.#store({ ...strip.record, parameters: { ...strip.record.parameters, tileWidth: strip.tileWidth, tileHeight: strip.tileHeight, frameNumbers: strip.frameNumbers } });
    }
    if (!(await this.#existing(clip.sha256, 'waveform'))) {
      const waveform = await makeWaveform({ file, sha256: clip.sha256 }, ffmpeg.path, ffmpeg.version, this.#dataFolder, { signal });
      if (waveform.record) await this.#store(waveform.record);
    }
  }

  /** Queues a review proxy for a clip that needs one; 'open' jumps ahead of background work. */
  async requestProxy(clipId: number, drive: string, priority: 'open' | 'background'): Promise<ProxyState> {
    const clip = await this.#db.dataSource.getRepository(ClipEntity).findOneBy({ id: clipId });
    if (!clip) throw new ServiceError('not_found', `No clip with id ${clipId}`);
    if (clip.playable) return { sha256: clip.sha256, state: 'not-needed', fraction: 1, error: null };
    if (await this.#existing(clip.sha256, 'proxy')) return { sha256: clip.sha256, state: 'done', fraction: 1, error: null };
    if (!this.#proxies) throw new ServiceError('unavailable', 'ffmpeg was not found: no review proxy can be made');
    if (clip.state !== 'ok') throw new ServiceError('conflict', `Clip ${clipId} is ${clip.state}: no review proxy is made from it`);
    const job = { file: path.join(drive, clip.path), sha256: clip.sha256, frameIndex: await this.#frameIndex(clip.id) };
    // Failures are reported through the queue's progress events.
    this.#proxies.request(job, { priority }).catch(() => undefined);
    return { sha256: clip.sha256, state: 'queued', fraction: 0, error: null };
  }

  async #frameIndex(clipId: number) {
    const row = await this.#db.dataSource.getRepository(FrameIndexEntity).findOneByOrFail({ clipId });
    return decodeFrameIndex(row.data);
  }

  /** Stops the proxy work (the station closes). */
  async close(): Promise<void> {
    this.#proxies?.cancelAll();
    await this.#proxies?.idle();
  }
}
