// Runs the `revier` command as a user would (a child Node process on electron/cli.ts), without
// $REVIER_DATA or passwords from the environment unless given, and answers its exit code and output.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const cli = path.resolve('electron/cli.ts');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function revier(...args: string[]): Promise<CliResult> {
  return revierWith({}, ...args);
}

/** `revier` with extra environment variables, e.g. REVIER_PASSWORD for a command run with --user. */
export async function revierWith(env: Record<string, string>, ...args: string[]): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, ...args], { env: { ...process.env, REVIER_DATA: '', REVIER_PASSWORD: '', REVIER_NEW_PASSWORD: '', ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}
