// The audit view refreshes on `audit.appended`, yet reading the log appends an entry of its own:
// the refresher must reload for other writers' entries and never loop on its own.
import { describe, expect, it } from 'vitest';
import { createAppendRefresher } from '../../renderer/src/stores/append-refresher.ts';

/**
 * A log whose every read appends an entry and announces it while the read is still running, the
 * way the core logs each read of the audit log.
 */
function selfLoggingLog() {
  let newest = 10;
  let reads = 0;
  let appendsDuringNextRead = 0;
  let announce: (sequence: number) => void = () => {};
  const refresher = createAppendRefresher(async () => {
    reads += 1;
    newest += 1;
    const own = newest;
    announce(own);
    await new Promise((resolve) => setTimeout(resolve, 5));
    for (; appendsDuringNextRead > 0; appendsDuringNextRead -= 1) {
      newest += 1;
      announce(newest);
    }
    return own;
  });
  announce = (sequence) => refresher.announce(sequence);
  return {
    refresher,
    reads: () => reads,
    appendElsewhere: () => {
      newest += 1;
      return newest;
    },
    appendDuringNextRead: () => {
      appendsDuringNextRead += 1;
    },
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

describe('append refresher', () => {
  it('does not reload because of the entry its own read appended', async () => {
    const log = selfLoggingLog();
    await log.refresher.load();
    log.refresher.announce(11);
    await settle();
    expect(log.reads()).toBe(1);
  });

  it('reloads once for an entry appended by someone else, then stops', async () => {
    const log = selfLoggingLog();
    await log.refresher.load();
    log.refresher.announce(log.appendElsewhere());
    await settle();
    expect(log.reads()).toBe(2);
  });

  it('reloads after a running read when a newer entry is announced during it', async () => {
    const log = selfLoggingLog();
    log.appendDuringNextRead();
    await log.refresher.load();
    await settle();
    expect(log.reads()).toBe(2);
  });

  it('merges loads requested while one runs into one more load', async () => {
    const log = selfLoggingLog();
    const first = log.refresher.load();
    await new Promise((resolve) => setTimeout(resolve, 1));
    void log.refresher.load();
    void log.refresher.load();
    await first;
    await settle();
    expect(log.reads()).toBe(2);
  });

  it('does nothing on announcements before the first load', async () => {
    const log = selfLoggingLog();
    log.refresher.announce(500);
    await settle();
    expect(log.reads()).toBe(0);
  });

  it('gives up after a few rounds when an announced entry never appears', async () => {
    let reads = 0;
    const refresher = createAppendRefresher(async () => {
      reads += 1;
      return 10;
    }, 3);
    await refresher.load();
    refresher.announce(99);
    await settle();
    expect(reads).toBe(1 + 3);
  });

  it('stops after a failed read instead of retrying forever', async () => {
    let reads = 0;
    const refresher = createAppendRefresher(async () => {
      reads += 1;
      return null;
    });
    await refresher.load();
    refresher.announce(5);
    await settle();
    expect(reads).toBe(2);
  });
});
