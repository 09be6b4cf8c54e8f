// Runs one scan at a time for the hosts: started from the UI, by the file-system watch or the
// periodic rescan; reports progress as events and can be cancelled.
import type { Actor } from '../../../shared/api/actor.ts';
import type { ScanProgress } from '../../../shared/api/library.ts';
import type { Core } from '../core.ts';
import { idleProgress, scanDrive } from './station-scanner.ts';

const progressInterval = 250;

export class ScanRunner {
  readonly #core: Core;
  #progress: ScanProgress = { ...idleProgress };
  #abort: AbortController | null = null;
  #running: Promise<void> = Promise.resolve();
  #lastEmit = 0;

  constructor(core: Core) {
    this.#core = core;
  }

  status(): ScanProgress {
    return { ...this.#progress };
  }

  /** Starts a scan unless one is running; answers at once with the progress. */
  async start(actor: Actor): Promise<ScanProgress> {
    await this.#core.access.require(actor, 'scan.run', 'station-drive');
    if (this.#abort) return this.status();
    const abort = new AbortController();
    this.#abort = abort;
    this.#publish({ ...idleProgress, running: true, phase: 'listing' }, true);
    this.#running = this.#run(actor, abort);
    return this.status();
  }

  async cancel(actor: Actor): Promise<ScanProgress> {
    await this.#core.access.require(actor, 'scan.run', 'station-drive');
    this.halt();
    return this.status();
  }

  /** Stops a running scan because the station closes. */
  halt(): void {
    this.#abort?.abort();
  }

  /** Resolves when no scan is running (for closing the core and for tests). */
  idle(): Promise<void> {
    return this.#running;
  }

  async #run(actor: Actor, abort: AbortController): Promise<void> {
    try {
      const drive = (await this.#core.settings.get()).stationDrive;
      const done = await scanDrive(this.#core, actor, drive, {
        signal: abort.signal,
        onProgress: (progress) => this.#publish(progress, false),
      });
      this.#publish(done, true);
    } catch (error) {
      const cancelled = abort.signal.aborted;
      this.#publish(
        {
          ...this.#progress,
          running: false,
          phase: cancelled ? 'cancelled' : 'failed',
          currentPath: null,
          message: cancelled ? 'Scan cancelled; finished files are kept and skipped next time' : error instanceof Error ? error.message : String(error),
        },
        true,
      );
    } finally {
      this.#abort = null;
    }
  }

  /** Emits at most every `progressInterval` ms, except a new phase and the end, which always go out. */
  #publish(progress: ScanProgress, always: boolean): void {
    const newPhase = progress.phase !== this.#progress.phase;
    this.#progress = progress;
    const now = Date.now();
    if (!always && !newPhase && now - this.#lastEmit < progressInterval) return;
    this.#lastEmit = now;
    this.#core.events.emit('scan.progress', { ...progress });
  }
}
