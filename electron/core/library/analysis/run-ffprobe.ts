// Runs ffprobe with an argument array (never a shell) and hands its standard output to the caller
// line by line as it arrives, so a packet or frame listing of a long clip is never held as one
// string. Standard error is kept up to a bound: it is evidence (why a file failed, whether the
// demuxer saw the file end early), not data.
// `-o pipe:1` makes ffprobe write its report through a buffered writer: printing to stdout itself
// costs one write() per packet line (108 000 for an hour at 30 fps, about twice the run time).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

const STDERR_LIMIT = 64 * 1024;

export interface FfprobeExit {
  /** The exit code; null when ffprobe was killed by a signal. */
  code: number | null;
  stderr: string;
}

/** ffprobe's complaint in one line, without its "[demuxer @ 0x...]" prefixes and the file name. */
export function ffprobeComplaint(stderr: string, file: string): string {
  const lines = stderr
    .split('\n')
    .map((line) => line.replace(/^\[[^\]]*@ 0x[0-9a-f]+\]\s*/, '').replace(`${file}: `, '').trim())
    .filter((line) => line && !line.startsWith('Last message repeated'));
  return [...new Set(lines)].join('; ').slice(0, 400) || 'no message';
}

export async function runFfprobe(
  ffprobePath: string,
  args: string[],
  onLine: (line: string) => void,
  signal?: AbortSignal,
): Promise<FfprobeExit> {
  signal?.throwIfAborted();
  const child = spawn(ffprobePath, ['-hide_banner', '-o', 'pipe:1', ...args], { stdio: ['ignore', 'pipe', 'pipe'], signal, windowsHide: true });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    if (stderr.length < STDERR_LIMIT) stderr += chunk.slice(0, STDERR_LIMIT - stderr.length);
  });
  let lineError: unknown = null;
  const lines = createInterface({ input: child.stdout, crlfDelay: Infinity });
  lines.on('line', (line) => {
    if (lineError) return;
    try {
      onLine(line);
    } catch (error) {
      lineError = error;
      child.kill();
    }
  });
  const exited = once(child, 'close') as Promise<[number | null, NodeJS.Signals | null]>;
  const [[code]] = await Promise.all([exited, once(lines, 'close')]);
  if (lineError) throw lineError;
  return { code, stderr };
}
