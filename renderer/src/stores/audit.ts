// The audit log (Protokoll): one page at a time, newest first, and the chain verification.
// Refreshes on `audit.appended` through an append refresher, because reading the log appends
// an entry of its own (see append-refresher.ts).
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { AuditEntry, AuditVerification } from '../../../shared/api/audit.ts';
import type { ApiError } from '../../../shared/api/result.ts';
import { api } from '../api/index.ts';
import { pageForFirstRow } from '../format/pagination.ts';
import { createAppendRefresher } from './append-refresher.ts';

export const auditPageSizes = [25, 50, 100, 200] as const;

export const useAuditStore = defineStore('audit', () => {
  const entries = ref<AuditEntry[]>([]);
  const page = ref(1);
  const pageSize = ref<number>(50);
  const total = ref(0);
  const loading = ref(false);
  const loaded = ref(false);
  const error = ref<ApiError | null>(null);

  const verification = ref<AuditVerification | null>(null);
  const verifiedAt = ref<Date | null>(null);
  const verifying = ref(false);
  const verifyError = ref<ApiError | null>(null);

  /** Loads the current page; returns the newest sequence number seen (the log has no gaps). */
  async function fetchPage(): Promise<number | null> {
    loading.value = true;
    const result = await api.audit.list({ page: page.value, pageSize: pageSize.value });
    loading.value = false;
    loaded.value = true;
    if (!result.ok) {
      error.value = result.error;
      return null;
    }
    error.value = null;
    const value = result.value;
    const pages = Math.max(1, Math.ceil(value.total / value.pageSize));
    total.value = value.total;
    entries.value = value.entries;
    // The log shrank below this page (entries deleted after their retention): show the last page.
    if (value.page > pages && value.total > 0) {
      page.value = pages;
      void refresher.load();
    }
    return Math.max(value.total, ...value.entries.map((entry) => entry.sequence));
  }

  const refresher = createAppendRefresher(fetchPage);

  function load(): Promise<void> {
    return refresher.load();
  }

  function goToPage(next: number): Promise<void> {
    page.value = Math.max(1, next);
    return refresher.load();
  }

  function changePageSize(next: number): Promise<void> {
    page.value = pageForFirstRow(page.value, pageSize.value, next);
    pageSize.value = next;
    return refresher.load();
  }

  /** Called for every `audit.appended` event. */
  function noteAppended(sequence: number): void {
    refresher.announce(sequence);
  }

  async function verify(): Promise<void> {
    verifying.value = true;
    verifyError.value = null;
    const result = await api.audit.verify({});
    verifying.value = false;
    if (result.ok) {
      verification.value = result.value;
      verifiedAt.value = new Date();
    } else {
      verification.value = null;
      verifyError.value = result.error;
    }
  }

  return {
    entries,
    page,
    pageSize,
    total,
    loading,
    loaded,
    error,
    verification,
    verifiedAt,
    verifying,
    verifyError,
    load,
    goToPage,
    changePageSize,
    noteAppended,
    verify,
  };
});
