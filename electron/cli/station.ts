// Opening the station for a command-line command: the data folder, an actor, and clear errors
// when there is no station yet.
import { existsSync } from 'node:fs';
import { appVersion } from '../app-root.ts';
import { openCore, type Core } from '../core/core.ts';
import { databaseFile, resolveDataFolder } from '../core/data-folder.ts';
import { ServiceError } from '../core/service-error.ts';
import type { AppStatus } from '../../shared/api/status.ts';

/** A failure the command reports in one line with this exit code. */
export class CommandError extends Error {
  readonly exitCode: number;

  constructor(message: string, exitCode = 2) {
    super(message);
    this.exitCode = exitCode;
  }
}

/** A service's refusal as the command's one-line error; anything else stays an internal error. */
export function asCommandError(error: unknown): never {
  if (error instanceof ServiceError) throw new CommandError(error.message);
  throw error;
}

export interface StationOptions {
  data?: string;
  /** The account a command acts for (see sign-in.ts). */
  user?: string;
}

export const cliOffline: AppStatus['offline'] = {
  enforced: true,
  mechanism: 'command line: reads and writes the local data folder only',
};

export async function openStation(
  options: StationOptions,
  { create = false, host = 'cli' as AppStatus['host'], offline = cliOffline } = {},
): Promise<{ core: Core; dataFolder: string }> {
  const dataFolder = resolveDataFolder(options.data);
  if (!create && !existsSync(databaseFile(dataFolder))) {
    throw new CommandError(`No Revier station in ${dataFolder}: run \`revier init --data ${dataFolder}\` first.`);
  }
  const core = await openCore({ host, version: appVersion, dataFolder, offline });
  return { core, dataFolder };
}

