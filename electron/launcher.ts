// `npm start`: the Electron app when its runtime is installed; otherwise the browser host, with
// a generated demo station drive when no drive is configured yet.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { appRoot } from './app-root.ts';
import { serve } from './cli/serve-command.ts';
import { openStation } from './cli/station.ts';
import { resolveDataFolder } from './core/data-folder.ts';
import { systemActor } from './core/governance/system-actor.ts';
import { electronBinary } from './electron-runtime.ts';

function optionValue(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
}

async function configuredDrive(data: string): Promise<string> {
  const { core } = await openStation({ data }, { create: true });
  try {
    return (await core.settings.get()).stationDrive;
  } finally {
    await core.close();
  }
}

/**
 * Generates the synthetic demo drive (the test fixture recipe) once, under the data folder. Its
 * recordings date from 2024, so the demo station keeps recordings for the longest allowed time:
 * otherwise the daily retention run would delete them all at the next start.
 */
async function demoDrive(dataFolder: string): Promise<string> {
  const demo = path.join(dataFolder, 'demo-station');
  const generator = path.join(appRoot, 'tests', 'fixtures', 'generate-station.ts');
  if (!existsSync(path.join(demo, 'drive'))) {
    console.log('Generating a demo station drive with ffmpeg (once)…');
    execFileSync(process.execPath, [generator, demo], { stdio: 'inherit' });
    const { core } = await openStation({ data: dataFolder });
    try {
      const { retentionDays } = await core.settings.update(systemActor('demo'), { retentionDays: 3650 });
      console.log(`Demo station: recordings are kept ${retentionDays} days, so the demo recordings of 2024 stay.`);
    } finally {
      await core.close();
    }
  }
  return path.join(demo, 'drive');
}

async function main(args: string[]): Promise<void> {
  const electron = electronBinary();
  if (electron) {
    const child = spawn(electron, [appRoot, ...args], { stdio: 'inherit' });
    child.on('exit', (code) => process.exit(code ?? 0));
    return;
  }
  console.log('Electron runtime not installed here: starting the browser host instead.');
  const data = resolveDataFolder(optionValue(args, '--data'));
  const drive = (await configuredDrive(data)) || (await demoDrive(data));
  await serve({ data, drive, open: !args.includes('--no-open') });
}

await main(process.argv.slice(2));
