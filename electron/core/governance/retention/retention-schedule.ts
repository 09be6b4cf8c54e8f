// The daily retention run: once when the station starts, then 24 hours after each run ends, as
// the station's system actor with a new session id per run. A failed run or a clip that could not
// be deleted is reported (logged by default), never thrown out of the timer. The timer keeps no
// process alive; the hosts call the stop function before they close the core.
import { systemActor } from '../system-actor.ts';
import type { RetentionRun } from '../../../../shared/api/retention.ts';
import type { RetentionService } from './retention-service.ts';

export type RetentionOutcome = { run: RetentionRun } | { error: unknown };

export interface RetentionScheduleOptions {
  intervalMs?: number;
  /** The time each run decides at. */
  clock?: () => Date;
  /** Hears every run's outcome; must not throw. */
  report?: (outcome: RetentionOutcome) => void;
}

const dayMs = 24 * 60 * 60 * 1000;

function logOutcome(outcome: RetentionOutcome): void {
  if ('error' in outcome) {
    console.error('[revier] the retention run failed:', outcome.error);
    return;
  }
  const { deleted, failed } = outcome.run;
  if (deleted.length > 0) console.log(`[revier] retention run: ${deleted.length} clips deleted (${deleted.map((tombstone) => tombstone.clipId).join(', ')})`);
  for (const failure of failed) console.error(`[revier] retention run: clip ${failure.clipId} not deleted: ${failure.message}`);
}

/** Starts the schedule; the answer stops it and waits for a run in progress. */
export function scheduleRetention(retention: Pick<RetentionService, 'run'>, options: RetentionScheduleOptions = {}): () => Promise<void> {
  const { intervalMs = dayMs, clock = () => new Date(), report = logOutcome } = options;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let current: Promise<void> = Promise.resolve();
  const runOnce = async (): Promise<void> => {
    try {
      report({ run: await retention.run(systemActor('retention'), clock()) });
    } catch (error) {
      report({ error });
    }
    if (stopped) return;
    timer = setTimeout(() => {
      current = runOnce();
    }, intervalMs);
    timer.unref();
  };
  current = runOnce();
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await current;
  };
}
