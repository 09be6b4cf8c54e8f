// Freigaben (four-eyes approvals): the queue the signed-in user may see (every request for those
// who decide and the DPO, else their own), the settled ones on request, and each decision or
// withdrawal answered by reloading the queue as the core stored it.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { Approval, ApprovalDecision } from '../../../shared/api/approvals.ts';
import type { ApiError, Result } from '../../../shared/api/result.ts';
import { api } from '../api/index.ts';

export const useApprovalsStore = defineStore('approvals', () => {
  /** Pending requests oldest first, then (when shown) the settled ones newest first. */
  const approvals = ref<Approval[]>([]);
  const includeDecided = ref(false);
  const loaded = ref(false);
  const error = ref<ApiError | null>(null);

  async function load(): Promise<void> {
    const result = await api.approvals.list({ includeDecided: includeDecided.value });
    loaded.value = true;
    if (result.ok) approvals.value = result.value;
    error.value = result.ok ? null : result.error;
  }

  async function showDecided(show: boolean): Promise<void> {
    includeDecided.value = show;
    await load();
  }

  async function settle(call: Promise<Result<Approval>>): Promise<Result<Approval>> {
    const result = await call;
    if (result.ok) await load();
    return result;
  }

  return {
    approvals,
    includeDecided,
    loaded,
    error,
    load,
    showDecided,
    decide: (id: number, decision: ApprovalDecision, note: string) => settle(api.approvals.decide({ id, decision, note })),
    withdraw: (id: number) => settle(api.approvals.withdraw({ id })),
  };
});
