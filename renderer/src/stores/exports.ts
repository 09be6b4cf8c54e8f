// Exports (court packages, training clips, still frames): the station's list, newest first, kept
// current from `export.progress` events and loaded again whenever the event stream reconnects
// (events sent meanwhile were missed). Starting and cancelling go through the core; a job started
// here that ends while its view is not shown is announced with a toast.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { ExportJob, ExportJobRequest } from '../../../shared/api/exports.ts';
import type { ApiError, Result } from '../../../shared/api/result.ts';
import { api } from '../api/index.ts';
import { useCoreEvent, useCoreReconnect } from '../composables/use-core-event.ts';
import { activeJobs, isActive, withJob, withLoadedJobs } from '../format/exports.ts';
import { useNotificationsStore } from './notifications.ts';

export const useExportsStore = defineStore('exports', () => {
  const notifications = useNotificationsStore();
  const jobs = ref<ExportJob[]>([]);
  const loaded = ref(false);
  const loading = ref(false);
  const error = ref<ApiError | null>(null);
  const cancelling = ref<string[]>([]);
  const cancelError = ref<ApiError | null>(null);
  /** True while the export view is on screen: it shows endings itself. */
  const watched = ref(false);
  /** Jobs started from this window, whose endings it announces. */
  const startedHere = new Set<string>();

  const active = computed(() => activeJobs(jobs.value));
  const past = computed(() => jobs.value.filter((job) => !isActive(job)));

  function announce(job: ExportJob): void {
    if (!startedHere.has(job.id) || isActive(job)) return;
    startedHere.delete(job.id);
    if (watched.value) return;
    const link = { to: '/exports', labelKey: 'exports.toast.open' };
    if (job.status === 'done') notifications.notify('success', `exports.toast.done.${job.kind}`, job.output ?? undefined, link);
    else if (job.status === 'failed') notifications.notify('error', `exports.toast.failed.${job.kind}`, job.error ?? undefined, link);
  }

  function receive(job: ExportJob): void {
    jobs.value = withJob(jobs.value, job);
    if (!isActive(job)) cancelling.value = cancelling.value.filter((id) => id !== job.id);
    announce(job);
  }

  async function load(): Promise<void> {
    loading.value = true;
    const result = await api.exports.list({});
    loading.value = false;
    loaded.value = true;
    if (!result.ok) {
      error.value = result.error;
      return;
    }
    error.value = null;
    jobs.value = withLoadedJobs(jobs.value, result.value);
    for (const job of jobs.value) announce(job);
  }

  /** Queues an export; the answer is the job as queued, or why the core refused it. */
  async function start(request: ExportJobRequest): Promise<Result<ExportJob>> {
    const result = await api.exports.start(request);
    if (result.ok) {
      startedHere.add(result.value.id);
      receive(result.value);
      // Events of the job may have come before this answer: the list holds the latest state.
      announce(jobs.value.find((job) => job.id === result.value.id) ?? result.value);
    }
    return result;
  }

  async function cancel(id: string): Promise<void> {
    cancelling.value = [...cancelling.value, id];
    cancelError.value = null;
    const result = await api.exports.cancel({ id });
    if (result.ok) receive(result.value);
    else {
      cancelling.value = cancelling.value.filter((known) => known !== id);
      cancelError.value = result.error;
    }
  }

  useCoreEvent('export.progress', receive);
  useCoreReconnect(() => void load());

  return { jobs, active, past, loaded, loading, error, cancelling, cancelError, watched, load, start, cancel };
});
