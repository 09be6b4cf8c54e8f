// The audit log (Protokoll) for the data protection officer: one page at a time, newest first,
// narrowed by a filter (clip, user, category, period), the chain verification and the report on
// one clip, user or period. Refreshes on `audit.appended` through an append refresher, because
// reading the log appends an entry of its own (see append-refresher.ts).
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { AuditEntry, AuditFilter, AuditReportFormat, AuditReportSubject, AuditVerification, SavedAuditReport } from '../../../shared/api/audit.ts';
import type { Result } from '../../../shared/api/result.ts';
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
  const filter = ref<AuditFilter>({});

  const verification = ref<AuditVerification | null>(null);
  const verifiedAt = ref<Date | null>(null);
  const verifying = ref(false);
  const verifyError = ref<ApiError | null>(null);

  /** Loads the current page; returns the newest sequence number seen (the log has no gaps). */
  async function fetchPage(): Promise<number | null> {
    loading.value = true;
    const result = await api.audit.query({ ...filter.value, page: page.value, pageSize: pageSize.value });
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
    return value.loggedAs;
  }

  const refresher = createAppendRefresher(fetchPage);

  function load(): Promise<void> {
    return refresher.load();
  }

  function goToPage(next: number): Promise<void> {
    page.value = Math.max(1, next);
    return refresher.load();
  }

  function applyFilter(next: AuditFilter): Promise<void> {
    filter.value = next;
    page.value = 1;
    return refresher.load();
  }

  /** Makes the report and saves it in the station's export folder. */
  function report(subject: AuditReportSubject, format: AuditReportFormat): Promise<Result<SavedAuditReport>> {
    return api.audit.report({ subject, format });
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
    filter,
    verification,
    verifiedAt,
    verifying,
    verifyError,
    load,
    applyFilter,
    report,
    goToPage,
    changePageSize,
    noteAppended,
    verify,
  };
});
