// renderVideo on a worker thread (render-worker.ts), with the same promise, progress and cancel:
// what the export jobs call. A check that fails comes back as the same RenderCheckError; a cancel
// rejects with the signal's reason once the thread has stopped ffmpeg and ended.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { RenderCheckError, type RenderCheck } from './render-check.ts';
import type { RenderPlan } from './render-plan.ts';
import type { RenderOptions, RenderProgress, RenderTools } from './render-video.ts';

export interface RenderWork {
  plan: RenderPlan;
  tools: RenderTools;
  output: string;
  purpose: string;
}

export type RenderMessage =
  | { type: 'progress'; progress: RenderProgress }
  | { type: 'done'; check: RenderCheck }
  | { type: 'failed'; name: string; message: string; findings: string[] | null };

/** The only message the thread takes: stop. */
export const ABORT = 'abort';

// render-worker.ts from the sources, render-worker.js from the build.
const workerFile = new URL(`./render-worker${path.extname(fileURLToPath(import.meta.url))}`, import.meta.url);

export function renderVideoInThread(plan: RenderPlan, tools: RenderTools, output: string, options: RenderOptions): Promise<RenderCheck> {
  const { signal, onProgress, purpose } = options;
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise<RenderCheck>((resolve, reject) => {
    const work: RenderWork = { plan, tools, output, purpose };
    const worker = new Worker(workerFile, { workerData: work });
    let outcome: { check: RenderCheck } | { error: Error } | null = null;
    const onAbort = () => worker.postMessage(ABORT);
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (message: RenderMessage) => {
      if (message.type === 'progress') onProgress?.(message.progress);
      else if (message.type === 'done') outcome = { check: message.check };
      else outcome = { error: message.findings ? new RenderCheckError(purpose, message.findings) : Object.assign(new Error(message.message), { name: message.name }) };
    });
    worker.on('error', (error) => {
      outcome ??= { error };
    });
    worker.on('exit', (code) => {
      signal?.removeEventListener('abort', onAbort);
      if (signal?.aborted) reject(signal.reason);
      else if (outcome && 'check' in outcome) resolve(outcome.check);
      else reject(outcome?.error ?? new Error(`The render thread of ${purpose} ended without an answer (exit code ${code})`));
    });
  });
}
