// Opens a real core (real SQLite file) on a temporary data folder.
import type { Actor } from '../../shared/api/actor.ts';
import { openCore, type Core } from '../../electron/core/core.ts';

export const testActor: Actor = { userId: 'pk4711', role: 'investigator', sessionId: 'session-1' };

export function openTestCore(dataFolder: string): Promise<Core> {
  return openCore({
    host: 'cli',
    version: '0.0.0-test',
    dataFolder,
    offline: { enforced: true, mechanism: 'test' },
  });
}
