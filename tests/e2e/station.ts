// Starts `revier serve` (the built command, as a user runs it) on a fresh data folder.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export interface Station {
  readonly url: string;
  readonly origin: string;
  readonly dataFolder: string;
  readonly drive: string;
  stop(): Promise<void>;
}

export const builtCli = path.resolve('dist/electron/cli.js');

export function startStation(dataFolder: string, drive: string): Promise<Station> {
  const child: ChildProcess = spawn(process.execPath, [builtCli, 'serve', '--data', dataFolder, '--drive', drive, '--no-open'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`revier serve did not start:\n${output}`)), 30_000);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`revier serve exited with ${code}:\n${output}`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const url = /Revier browser host: (\S+)/.exec(output)?.[1];
      if (!url) return;
      clearTimeout(timer);
      resolve({
        url,
        origin: new URL(url).origin,
        dataFolder,
        drive,
        stop: () =>
          new Promise((done) => {
            child.removeAllListeners('exit');
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}
