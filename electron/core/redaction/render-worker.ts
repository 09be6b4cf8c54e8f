// The worker thread a render runs in (render-thread.ts starts it with the plan as workerData):
// decoding, painting every frame and checking the copy are CPU work in JavaScript that must not hold
// up the process that answers the windows (Electron's main process, the browser host's server).
import { parentPort, workerData } from 'node:worker_threads';
import { RenderCheckError } from './render-check.ts';
import { ABORT, type RenderMessage, type RenderWork } from './render-thread.ts';
import { renderVideo } from './render-video.ts';

const port = parentPort;
if (!port) throw new Error('render-worker.ts runs as a worker thread only');
const { plan, tools, output, purpose } = workerData as RenderWork;
const controller = new AbortController();
port.on('message', (message) => {
  if (message === ABORT) controller.abort(new DOMException('The render was cancelled', 'AbortError'));
});
const send = (message: RenderMessage) => port.postMessage(message);
try {
  const check = await renderVideo(plan, tools, output, { purpose, signal: controller.signal, onProgress: (progress) => send({ type: 'progress', progress }) });
  send({ type: 'done', check });
} catch (error) {
  const failure = error instanceof Error ? error : new Error(String(error));
  send({ type: 'failed', name: failure.name, message: failure.message, findings: error instanceof RenderCheckError ? error.findings : null });
} finally {
  port.close();
}
