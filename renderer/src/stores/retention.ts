// Deletion deadlines (Löschfristen): what the next retention run deletes and keeps (with why),
// the deletion records (Löschnachweise), and running the job by hand.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { ApiError, Result } from '../../../shared/api/result.ts';
import type { RetentionPreview, RetentionRun, Tombstone } from '../../../shared/api/retention.ts';
import { api } from '../api/index.ts';

export const useRetentionStore = defineStore('retention', () => {
  const preview = ref<RetentionPreview | null>(null);
  const tombstones = ref<Tombstone[]>([]);
  const error = ref<ApiError | null>(null);
  const running = ref(false);

  async function load(): Promise<void> {
    const [next, records] = await Promise.all([api.retention.preview({}), api.retention.tombstones({})]);
    if (next.ok) preview.value = next.value;
    if (records.ok) tombstones.value = [...records.value].reverse();
    error.value = !next.ok ? next.error : !records.ok ? records.error : null;
  }

  async function run(): Promise<Result<RetentionRun>> {
    running.value = true;
    const result = await api.retention.run({ dryRun: false });
    running.value = false;
    await load();
    return result;
  }

  return { preview, tombstones, error, running, load, run };
});
