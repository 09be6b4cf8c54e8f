// The background queue of review-proxy jobs. One job runs at a time (the station has two cores
// and libx264 uses both). The clip the user opens ('open') goes before every background job, the
// most recently opened first (it is the one on screen); background jobs run in request order. A
// running job is never interrupted by a newer request, only by cancel(). The same original
// (sha256) requested again while queued or running shares the one job and its promise; an 'open'
// request lifts a queued background job to the front.
import type { DerivedFileRecord } from './derived-store.ts';
import { makeReviewProxy, type ReviewProxyInput, type ReviewProxyTools } from './review-proxy.ts';

export type ProxyPriority = 'open' | 'background';
export type ProxyJobState = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

export interface ProxyJobEvent {
  sha256: string;
  /** 0..1 of the running job; 0 while queued, 1 when done. */
  fraction: number;
  state: ProxyJobState;
  /** Why the job failed (state 'failed'). */
  error?: string;
}

export interface ProxyWorkerContext {
  signal: AbortSignal;
  onProgress: (fraction: number) => void;
}

/** Does one job; the queue passes a signal to stop it and a progress callback. */
export type ProxyWorker<Job> = (job: Job, context: ProxyWorkerContext) => Promise<DerivedFileRecord>;

export type ProxyJobListener = (event: ProxyJobEvent) => void;

/** The job was cancelled before or while it ran. */
export class ProxyJobCancelled extends Error {
  readonly sha256: string;

  constructor(sha256: string) {
    super(`The review proxy job for ${sha256} was cancelled`);
    this.name = 'ProxyJobCancelled';
    this.sha256 = sha256;
  }
}

interface Entry<Job> {
  job: Job;
  sha256: string;
  priority: ProxyPriority;
  /** Order of the request that set the priority: newest 'open' first, oldest 'background' first. */
  sequence: number;
  abort: AbortController;
  promise: Promise<DerivedFileRecord>;
  resolve: (record: DerivedFileRecord) => void;
  reject: (error: unknown) => void;
}

export class ProxyQueue<Job extends { sha256: string } = ReviewProxyInput> {
  readonly #worker: ProxyWorker<Job>;
  readonly #queued: Entry<Job>[] = [];
  readonly #listeners = new Set<ProxyJobListener>();
  #running: Entry<Job> | null = null;
  #sequence = 0;
  #idleWaiters: (() => void)[] = [];

  constructor(worker: ProxyWorker<Job>) {
    this.#worker = worker;
  }

  /** Queues a job (or joins the one already queued or running for the same sha256). */
  request(job: Job, options: { priority: ProxyPriority }): Promise<DerivedFileRecord> {
    const { sha256 } = job;
    if (this.#running?.sha256 === sha256) return this.#running.promise;
    const queued = this.#queued.find((entry) => entry.sha256 === sha256);
    if (queued) {
      if (options.priority === 'open') {
        queued.priority = 'open';
        queued.sequence = ++this.#sequence;
      }
      return queued.promise;
    }
    let resolve!: (record: DerivedFileRecord) => void;
    let reject!: (error: unknown) => void;
    const promise = new Promise<DerivedFileRecord>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    // A background request nobody awaits must not become an unhandled rejection.
    promise.catch(() => {});
    const entry: Entry<Job> = { job, sha256, priority: options.priority, sequence: ++this.#sequence, abort: new AbortController(), promise, resolve, reject };
    this.#queued.push(entry);
    this.#emit({ sha256, fraction: 0, state: 'queued' });
    this.#startNext();
    return promise;
  }

  /** Cancels the queued or running job for this original; false when there is none. */
  cancel(sha256: string): boolean {
    if (this.#running?.sha256 === sha256) {
      this.#running.abort.abort(new ProxyJobCancelled(sha256));
      return true;
    }
    const at = this.#queued.findIndex((entry) => entry.sha256 === sha256);
    if (at < 0) return false;
    const [entry] = this.#queued.splice(at, 1);
    if (entry) this.#finish(entry, { cancelled: true, error: new ProxyJobCancelled(sha256) });
    this.#notifyIdle();
    return true;
  }

  /** Cancels everything (closing the station). */
  cancelAll(): void {
    for (const entry of [...this.#queued]) this.cancel(entry.sha256);
    if (this.#running) this.cancel(this.#running.sha256);
  }

  /** Listens to every job's progress; returns the function that stops listening. */
  subscribe(listener: ProxyJobListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The sha256 of the running job and of the queued ones in the order they will run. */
  snapshot(): { running: string | null; queued: string[] } {
    return { running: this.#running?.sha256 ?? null, queued: this.#ordered().map((entry) => entry.sha256) };
  }

  /** Resolves when no job is queued or running. */
  idle(): Promise<void> {
    if (!this.#running && this.#queued.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  #ordered(): Entry<Job>[] {
    return [...this.#queued].sort((a, b) => {
      if (a.priority !== b.priority) return a.priority === 'open' ? -1 : 1;
      return a.priority === 'open' ? b.sequence - a.sequence : a.sequence - b.sequence;
    });
  }

  #startNext(): void {
    if (this.#running) return;
    const next = this.#ordered()[0];
    if (!next) {
      this.#notifyIdle();
      return;
    }
    this.#queued.splice(this.#queued.indexOf(next), 1);
    this.#running = next;
    void this.#run(next);
  }

  async #run(entry: Entry<Job>): Promise<void> {
    this.#emit({ sha256: entry.sha256, fraction: 0, state: 'running' });
    let lastFraction = 0;
    try {
      const record = await this.#worker(entry.job, {
        signal: entry.abort.signal,
        onProgress: (fraction) => {
          if (entry.abort.signal.aborted || !Number.isFinite(fraction)) return;
          lastFraction = Math.min(1, Math.max(0, fraction));
          this.#emit({ sha256: entry.sha256, fraction: lastFraction, state: 'running' });
        },
      });
      // Finished before it noticed a cancel: the proxy exists, so it counts as done.
      this.#finish(entry, { record });
    } catch (error) {
      this.#finish(entry, { cancelled: entry.abort.signal.aborted, error, fraction: lastFraction });
    } finally {
      this.#running = null;
      this.#startNext();
    }
  }

  #finish(entry: Entry<Job>, outcome: { record: DerivedFileRecord } | { cancelled: boolean; error: unknown; fraction?: number }): void {
    if ('record' in outcome) {
      this.#emit({ sha256: entry.sha256, fraction: 1, state: 'done' });
      entry.resolve(outcome.record);
      return;
    }
    const fraction = outcome.fraction ?? 0;
    if (outcome.cancelled) {
      this.#emit({ sha256: entry.sha256, fraction, state: 'cancelled' });
      entry.reject(outcome.error instanceof ProxyJobCancelled ? outcome.error : new ProxyJobCancelled(entry.sha256));
    } else {
      const message = outcome.error instanceof Error ? outcome.error.message : String(outcome.error);
      this.#emit({ sha256: entry.sha256, fraction, state: 'failed', error: message });
      entry.reject(outcome.error);
    }
  }

  #emit(event: ProxyJobEvent): void {
    for (const listener of this.#listeners) {
      try {
        listener({ ...event });
      } catch {
        // A listener's failure is the listener's; the queue keeps running.
      }
    }
  }

  #notifyIdle(): void {
    if (this.#running || this.#queued.length > 0) return;
    for (const resolve of this.#idleWaiters.splice(0)) resolve();
  }
}

/** The worker that makes review proxies, for `new ProxyQueue(reviewProxyWorker(tools, dataFolder))`. */
export function reviewProxyWorker(tools: ReviewProxyTools, dataFolder: string): ProxyWorker<ReviewProxyInput> {
  return (job, context) => makeReviewProxy(job, tools, dataFolder, context);
}
