// Reading the station drive (scan): start, cancel, and the progress the core reports through
// `scan.progress`. Counts finished runs so that the library can refresh when one ends.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { ScanProgress } from '../../../shared/api/library.ts';
import type { ApiError } from '../../../shared/api/result.ts';
import { api } from '../api/index.ts';

export const useScanStore = defineStore('scan', () => {
  const progress = ref<ScanProgress | null>(null);
  const error = ref<ApiError | null>(null);
  const starting = ref(false);
  const cancelling = ref(false);
  const resultDismissed = ref(false);
  /** Increases each time a running scan ends (done, cancelled or failed). */
  const finishedRuns = ref(0);

  const running = computed(() => progress.value?.running ?? false);

  /**
   * The outcome to show after a scan: a core that never scanned answers "done" with nothing
   * counted and no message, which is no result.
   */
  const result = computed<ScanProgress | null>(() => {
    const current = progress.value;
    if (!current || current.running || resultDismissed.value) return null;
    const happened = current.phase !== 'done' || current.filesTotal > 0 || current.message !== null;
    return happened ? current : null;
  });

  function receive(next: ScanProgress): void {
    const wasRunning = progress.value?.running ?? false;
    progress.value = next;
    if (next.running) {
      resultDismissed.value = false;
    } else {
      cancelling.value = false;
      if (wasRunning) finishedRuns.value += 1;
    }
  }

  async function load(): Promise<void> {
    const answer = await api.scan.status({});
    if (answer.ok) receive(answer.value);
  }

  async function start(): Promise<void> {
    starting.value = true;
    error.value = null;
    const answer = await api.scan.start({});
    starting.value = false;
    if (answer.ok) receive(answer.value);
    else error.value = answer.error;
  }

  async function cancel(): Promise<void> {
    cancelling.value = true;
    const answer = await api.scan.cancel({});
    if (answer.ok) receive(answer.value);
    else {
      cancelling.value = false;
      error.value = answer.error;
    }
  }

  function dismissResult(): void {
    resultDismissed.value = true;
  }

  return { progress, error, starting, cancelling, running, result, finishedRuns, receive, load, start, cancel, dismissResult };
});
