// Where the station keeps its database and derived files: `--data DIR`, else `REVIER_DATA`,
// else the operating system's folder for application data.
import os from 'node:os';
import path from 'node:path';

export function resolveDataFolder(option: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (option) return path.resolve(option);
  if (env.REVIER_DATA) return path.resolve(env.REVIER_DATA);
  return path.join(appDataRoot(env), 'Revier');
}

function appDataRoot(env: NodeJS.ProcessEnv): string {
  switch (process.platform) {
    case 'win32':
      return env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming');
    case 'darwin':
      return path.join(os.homedir(), 'Library', 'Application Support');
    default:
      return env.XDG_DATA_HOME ?? path.join(os.homedir(), '.local', 'share');
  }
}

export const databaseFile = (dataFolder: string): string => path.join(dataFolder, 'revier.sqlite');
export const auditAnchorFile = (dataFolder: string): string => path.join(dataFolder, 'audit-anchor.json');
