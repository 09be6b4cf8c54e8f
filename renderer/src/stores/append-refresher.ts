// Keeps a view of an append-only log fresh without refreshing forever.
//
// Reading the audit log appends an entry of its own (reading is logged) and so announces a new
// sequence number. A reload is therefore only due when an announced number is newer than the
// newest one the last load saw; loads requested while one runs are merged into one more load.
// No Vue, no DOM: tested in Node.

export interface AppendRefresher {
  /** Loads now (or once more after the running load). */
  load(): Promise<void>;
  /** Notes an announced sequence number; reloads when it is newer than anything loaded. */
  announce(sequence: number): void;
}

/** `fetch` loads and returns the newest sequence number it saw, or null when it failed. */
export function createAppendRefresher(fetch: () => Promise<number | null>, maxRounds = 5): AppendRefresher {
  let newestSeen = 0;
  let newestAnnounced = 0;
  let loadedOnce = false;
  let again = false;
  let running: Promise<void> | null = null;

  async function run(): Promise<void> {
    // Bounded: an announced entry that never shows up (its transaction rolled back) must not
    // keep the view reading.
    for (let round = 0; round < maxRounds; round += 1) {
      again = false;
      const seen = await fetch();
      loadedOnce = true;
      if (seen === null) return;
      newestSeen = Math.max(newestSeen, seen);
      if (!again && newestAnnounced <= newestSeen) return;
    }
  }

  function load(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    // Start in a microtask, so that `running` is set before `fetch` runs and anything it
    // announces synchronously is merged instead of starting a load inside the load.
    running = Promise.resolve()
      .then(run)
      .finally(() => {
        running = null;
      });
    return running;
  }

  function announce(sequence: number): void {
    newestAnnounced = Math.max(newestAnnounced, sequence);
    if (!loadedOnce || running || sequence <= newestSeen) return;
    void load();
  }

  return { load, announce };
}
