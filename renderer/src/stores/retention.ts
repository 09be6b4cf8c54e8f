// Deletion deadlines (Löschfristen): what the next retention run deletes and keeps (with why),
// every hold with its review date, the deletion records (Löschnachweise), and running the job by
// hand.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { ApiError, Result } from '../../../shared/api/result.ts';
import type { Hold, RetentionPreview, RetentionRun, Tombstone } from '../../../shared/api/retention.ts';
import { api } from '../api/index.ts';
import { useSessionStore } from './session.ts';

export const useRetentionStore = defineStore('retention', () => {
  const preview = ref<RetentionPreview | null>(null);
  const tombstones = ref<Tombstone[]>([]);
  const holds = ref<Hold[]>([]);
  const error = ref<ApiError | null>(null);
  const running = ref(false);

  async function load(): Promise<void> {
    const mayReadHolds = useSessionStore().may('holds.read');
    const [next, records, kept] = await Promise.all([api.retention.preview({}), api.retention.tombstones({}), mayReadHolds ? api.holds.list({}) : null]);
    if (next.ok) preview.value = next.value;
    if (records.ok) tombstones.value = [...records.value].reverse();
    if (kept?.ok) holds.value = kept.value.filter((hold) => hold.status === 'requested' || hold.status === 'active');
    error.value = !next.ok ? next.error : !records.ok ? records.error : kept && !kept.ok ? kept.error : null;
  }

  async function run(): Promise<Result<RetentionRun>> {
    running.value = true;
    const result = await api.retention.run({ dryRun: false });
    running.value = false;
    await load();
    return result;
  }

  return { preview, tombstones, holds, error, running, load, run };
});
