// `revier serve`: the browser host. Prints its one-time address and opens a local Chromium or
// Chrome in app mode unless told not to.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { rendererDir } from '../app-root.ts';
import { startBrowserHost } from '../browser-host/browser-host.ts';
import { openBrowser } from '../browser-host/open-browser.ts';
import { scheduleRetention } from '../core/governance/retention/retention-schedule.ts';
import { watchStationDrive } from '../core/library/library-watch.ts';
import { systemActor } from '../core/governance/system-actor.ts';
import { CommandError, openStation, type StationOptions } from './station.ts';

export interface ServeOptions extends StationOptions {
  drive?: string;
  port?: number;
  open: boolean;
}

export const browserHostOffline = {
  enforced: true,
  mechanism: 'Browser host bound to 127.0.0.1 only; the page may load nothing but this address (CSP); Chromium started without background networking',
};

export async function serve(options: ServeOptions): Promise<void> {
  const drive = options.drive === undefined ? undefined : path.resolve(options.drive);
  if (drive !== undefined && !(await stat(drive).then((s) => s.isDirectory(), () => false))) {
    throw new CommandError(`Station drive ${drive} is not a readable folder`);
  }
  if (!(await stat(path.join(rendererDir, 'index.html')).then(() => true, () => false))) {
    throw new CommandError(`The renderer is not built (${rendererDir} is missing): run \`npm run build\` first.`);
  }
  const { core, dataFolder } = await openStation(options, { create: true, host: 'browser', offline: browserHostOffline });
  if (drive !== undefined) await core.settings.update(systemActor('serve'), { stationDrive: drive });
  const host = await startBrowserHost({ core, rendererDir, port: options.port });
  const stopWatch = watchStationDrive(core, core.scans, systemActor('scan'));
  const stopRetention = scheduleRetention(core.retention);
  console.log(`Revier browser host: ${host.url}`);
  console.log(`Data folder: ${dataFolder}`);
  if (options.open) {
    const browser = openBrowser(host.url, dataFolder);
    console.log(browser ? `Opened in ${browser}` : 'No Chromium or Chrome found: open the address above in a browser.');
  }
  const stop = async (): Promise<void> => {
    stopWatch();
    await stopRetention();
    await host.close();
    await core.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}
