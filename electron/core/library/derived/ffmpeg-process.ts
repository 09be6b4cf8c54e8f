// Runs ffmpeg with an argument array (never a shell string), streams its stdout to the caller,
// keeps the end of its stderr for the error message, and kills it when the signal aborts. The
// promise settles only after the process has exited, so a caller may delete its output safely.
import { spawn } from 'node:child_process';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface FfmpegRunOptions {
  signal?: AbortSignal | undefined;
  /** Every stdout chunk, in order; a throw kills ffmpeg and rejects the run with that error. */
  onStdout?: (chunk: Buffer) => void;
  /** Every stderr chunk as text (ffmpeg's log; with `-v info` filters such as ashowinfo report here). */
  onStderr?: (text: string) => void;
  /**
   * Written to ffmpeg's stdin, which is then closed (stdin is closed at once without it). A stream
   * of chunks is written as ffmpeg takes it; a throw from it kills ffmpeg and rejects the run.
   */
  stdin?: Buffer | AsyncIterable<Uint8Array>;
  /** What the run makes, for error messages ("the review proxy of /x/y.mp4"). */
  purpose: string;
}

const stderrKeep = 4096;

export class FfmpegFailed extends Error {
  readonly exitCode: number | null;
  readonly stderr: string;

  constructor(purpose: string, exitCode: number | null, signal: string | null, stderr: string) {
    const how = exitCode !== null ? `exit code ${exitCode}` : `signal ${signal ?? 'unknown'}`;
    super(`ffmpeg failed making ${purpose} (${how}): ${stderr.trim() || 'no message'}`);
    this.name = 'FfmpegFailed';
    this.exitCode = exitCode;
    this.stderr = stderr;
  }
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted', 'AbortError');
}

export function runFfmpeg(ffmpegPath: string, args: string[], options: FfmpegRunOptions): Promise<void> {
  const { signal, onStdout, onStderr, stdin, purpose } = options;
  if (signal?.aborted) return Promise.reject(abortReason(signal));
  return new Promise<void>((resolve, reject) => {
    const child = spawn(ffmpegPath, args, { stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
    let stderr = '';
    let failure: { error: unknown } | null = null;
    const fail = (error: unknown) => {
      if (failure) return;
      failure = { error };
      child.kill('SIGKILL');
    };
    const onAbort = () => fail(abortReason(signal as AbortSignal));
    signal?.addEventListener('abort', onAbort, { once: true });

    child.stdout.on('data', (chunk: Buffer) => {
      if (failure || !onStdout) return;
      try {
        onStdout(chunk);
      } catch (error) {
        fail(error);
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => {
      stderr = (stderr + text).slice(-stderrKeep);
      onStderr?.(text);
    });
    // ffmpeg closes stdin early once it has what it needs; that is not a failure.
    child.stdin.on('error', () => {});
    if (stdin instanceof Buffer) child.stdin.end(stdin);
    else if (stdin) {
      pipeline(Readable.from(stdin, { objectMode: false }), child.stdin).catch((error: NodeJS.ErrnoException) => {
        // A broken pipe means ffmpeg stopped reading: its exit says why.
        if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_PREMATURE_CLOSE') fail(error);
      });
    } else child.stdin.end();

    let settled = false;
    const settle = (error: unknown | null) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      if (error === null) resolve();
      else reject(error);
    };
    child.on('error', (error) => {
      const startFailure = new Error(`ffmpeg (${ffmpegPath}) could not start for ${purpose}: ${error.message}`);
      // A process that never started emits no reliable 'close'.
      if (child.pid === undefined) settle(failure?.error ?? startFailure);
      else fail(startFailure);
    });
    child.on('close', (code, killedBy) => {
      if (failure) settle(failure.error);
      else if (code === 0) settle(null);
      else settle(new FfmpegFailed(purpose, code, killedBy, stderr));
    });
  });
}
