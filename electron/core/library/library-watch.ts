// Picks up new files while the app runs: a scan at start, a file-system watch on the station
// drive (debounced), and a periodic rescan for network drives, where watch events are unreliable.
import { watch, type FSWatcher } from 'node:fs';
import type { Actor } from '../../../shared/api/actor.ts';
import type { Core } from '../core.ts';
import type { ScanRunner } from './scan-runner.ts';

export interface WatchOptions {
  debounceMs?: number;
  rescanMs?: number;
}

export function watchStationDrive(core: Core, scans: ScanRunner, actor: Actor, options: WatchOptions = {}): () => void {
  const { debounceMs = 2_000, rescanMs = 5 * 60_000 } = options;
  const scan = (): void => {
    scans.start(actor).catch((error: unknown) => console.error('[revier] the station drive scan could not start:', error));
  };
  let watcher: FSWatcher | null = null;
  let debounce: NodeJS.Timeout | undefined;
  const scanSoon = (): void => {
    clearTimeout(debounce);
    debounce = setTimeout(scan, debounceMs);
  };
  const follow = (drive: string): void => {
    watcher?.close();
    watcher = null;
    if (!drive) return;
    try {
      watcher = watch(drive, { recursive: true, persistent: false }, scanSoon);
      watcher.on('error', () => {
        watcher?.close();
        watcher = null;
      });
    } catch {
      watcher = null; // not mounted now: the periodic rescan keeps trying
    }
  };
  void core.settings.get().then((settings) => {
    follow(settings.stationDrive);
    // Files that arrived while the app was closed.
    if (settings.stationDrive) scan();
  });
  const unsubscribe = core.events.subscribe((event, payload) => {
    if (event !== 'settings.changed') return;
    const drive = (payload as { stationDrive: string }).stationDrive;
    follow(drive);
    if (drive) scanSoon();
  });
  const periodic = setInterval(scan, rescanMs);
  periodic.unref();
  return () => {
    clearTimeout(debounce);
    clearInterval(periodic);
    unsubscribe();
    watcher?.close();
  };
}
