// The library (Bibliothek): the query (filters, search, sort), a window of result rows for the
// virtual list, the filter values, one recording in detail, and thumbnails.
//
// Filtering, search and sort run in the database (`library.list`); the renderer never holds all
// rows. It keeps pages of `libraryPageSize` rows keyed by offset, fetches the pages the visible
// window needs (plus a margin) and drops pages far from it. Every query change starts a new
// generation: answers of an older generation are ignored, so rows of another query never show.
// A refresh (`library.changed`, a finished scan) also starts a generation but keeps the old
// rows on screen until their replacements arrive.
import { defineStore } from 'pinia';
import { computed, onScopeDispose, ref, shallowRef, triggerRef, watch } from 'vue';
import type {
  LibraryFacets,
  LibraryQuery,
  RecordingDetail,
  RecordingStatus,
  RecordingSummary,
  ThumbnailStrip,
  librarySortKeys,
} from '../../../shared/api/library.ts';
import type { ApiError } from '../../../shared/api/result.ts';
import { api } from '../api/index.ts';
import { dateRangeToUtc, localTimeZone } from '../format/local-dates.ts';
import { emptyRange, keepPage, pageOffsetsFor, type RowRange } from '../format/virtual-window.ts';

export type LibrarySortKey = (typeof librarySortKeys)[number];

export interface LibraryFilters {
  /** Local calendar days from `<input type="date">`, empty when unset. */
  fromDate: string;
  toDate: string;
  officer: string;
  device: string;
  status: RecordingStatus | '';
  /** The search text as applied to the query (the input is debounced into it). */
  text: string;
}

export type ThumbnailState =
  | { state: 'loading' }
  | { state: 'ready'; strip: ThumbnailStrip }
  | { state: 'none' }
  | { state: 'failed' };

export const libraryPageSize = 100;
/** Rows fetched beyond the visible window on each side. */
const fetchMargin = 40;
/** Pages kept beyond the window on each side before they are dropped. */
const keptPages = 2;
const textDebounceMs = 250;
const thumbnailSettleMs = 120;
const thumbnailConcurrency = 4;
const thumbnailCacheSize = 300;

/** The direction a column sorts in when first chosen: newest and longest first, names A–Z. */
export const defaultDescending: Record<LibrarySortKey, boolean> = { start: true, officer: false, device: false, duration: true };

const noFilters = (): LibraryFilters => ({ fromDate: '', toDate: '', officer: '', device: '', status: '', text: '' });

interface CachedPage {
  generation: number;
  rows: RecordingSummary[];
}

export const useLibraryStore = defineStore('library', () => {
  const filters = ref<LibraryFilters>(noFilters());
  /** What the search field shows; applied to `filters.text` after a pause in typing. */
  const textInput = ref('');
  const sort = ref<LibrarySortKey>('start');
  const descending = ref(true);

  /** Rows matching the query, null until the first answer of the current query. */
  const total = ref<number | null>(null);
  const pages = shallowRef(new Map<number, CachedPage>());
  const error = ref<ApiError | null>(null);
  const pendingPages = ref(0);
  /** Counts query changes; the list scrolls back to the top on each. */
  const queryVersion = ref(0);

  const facets = ref<LibraryFacets | null>(null);
  const facetsError = ref<ApiError | null>(null);

  const detailId = ref<number | null>(null);
  const detail = ref<RecordingDetail | null>(null);
  const detailLoading = ref(false);
  const detailError = ref<ApiError | null>(null);

  /** Published as a new map on every change, so that components given it as a prop re-render. */
  const thumbnails = shallowRef<ReadonlyMap<number, ThumbnailState>>(new Map());
  const thumbnailCache = new Map<number, ThumbnailState>();

  let generation = 0;
  let shown: RowRange = emptyRange;
  const inFlight = new Set<string>();

  const filtersActive = computed(() => {
    const f = filters.value;
    return Boolean(f.fromDate || f.toDate || f.officer || f.device || f.status || f.text || textInput.value.trim());
  });

  /** The query without its window: what a change of starts a new generation. */
  const query = computed<Omit<LibraryQuery, 'offset' | 'limit'>>(() => {
    const f = filters.value;
    const text = f.text.trim();
    return {
      ...dateRangeToUtc(f.fromDate, f.toDate, localTimeZone()),
      ...(f.officer ? { officer: f.officer } : {}),
      ...(f.device ? { device: f.device } : {}),
      ...(f.status ? { status: f.status } : {}),
      ...(text ? { text } : {}),
      sort: sort.value,
      descending: descending.value,
    };
  });

  /** The row at a position of the result, or undefined while its page is not loaded. */
  function rowAt(index: number): RecordingSummary | undefined {
    const offset = Math.floor(index / libraryPageSize) * libraryPageSize;
    return pages.value.get(offset)?.rows[index - offset];
  }

  const loadedRowCount = computed(() => [...pages.value.values()].reduce((sum, page) => sum + page.rows.length, 0));

  async function fetchPage(offset: number, forGeneration: number): Promise<void> {
    const key = `${forGeneration}:${offset}`;
    inFlight.add(key);
    pendingPages.value += 1;
    const result = await api.library.list({ ...query.value, offset, limit: libraryPageSize });
    inFlight.delete(key);
    pendingPages.value -= 1;
    if (forGeneration !== generation) return;
    if (!result.ok) {
      error.value = result.error;
      return;
    }
    error.value = null;
    total.value = result.value.total;
    pages.value.set(offset, { generation: forGeneration, rows: result.value.recordings });
    dropFarPages();
    triggerRef(pages);
  }

  function dropFarPages(): void {
    for (const offset of [...pages.value.keys()]) {
      if (!keepPage(offset, shown, libraryPageSize, keptPages, total.value)) pages.value.delete(offset);
    }
  }

  /** Fetches what the window needs and is not loaded for the current generation. */
  function fillWindow(): void {
    for (const offset of pageOffsetsFor(shown, libraryPageSize, fetchMargin, total.value)) {
      if (pages.value.get(offset)?.generation === generation) continue;
      if (inFlight.has(`${generation}:${offset}`)) continue;
      void fetchPage(offset, generation);
    }
    const before = pages.value.size;
    dropFarPages();
    if (pages.value.size !== before) triggerRef(pages);
  }

  /** Called by the list with the rows it renders. */
  function showWindow(range: RowRange): void {
    shown = range;
    fillWindow();
  }

  /** A new query: forget every row, start from the top. */
  function restart(): void {
    generation += 1;
    pages.value = new Map();
    total.value = null;
    error.value = null;
    shown = { start: 0, end: Math.max(0, shown.end - shown.start) };
    queryVersion.value += 1;
    fillWindow();
  }

  /** The same query again (the library changed): rows stay visible until replaced. */
  function refresh(): void {
    generation += 1;
    fillWindow();
  }

  // Compared as text: a new object with the same values (e.g. trailing blanks trimmed) is no change.
  watch(() => JSON.stringify(query.value), restart);

  let textTimer: ReturnType<typeof setTimeout> | undefined;
  function setText(text: string): void {
    textInput.value = text;
    clearTimeout(textTimer);
    textTimer = setTimeout(applyText, textDebounceMs);
  }

  /** Applies the search text at once (Enter in the field). */
  function applyText(): void {
    clearTimeout(textTimer);
    filters.value.text = textInput.value;
  }

  function setFilter<K extends Exclude<keyof LibraryFilters, 'text'>>(key: K, value: LibraryFilters[K]): void {
    filters.value[key] = value;
  }

  function resetFilters(): void {
    clearTimeout(textTimer);
    textInput.value = '';
    filters.value = noFilters();
  }

  function setSort(key: LibrarySortKey): void {
    if (sort.value === key) {
      descending.value = !descending.value;
    } else {
      sort.value = key;
      descending.value = defaultDescending[key];
    }
  }

  async function loadFacets(): Promise<void> {
    const result = await api.library.facets({});
    if (result.ok) {
      facets.value = result.value;
      facetsError.value = null;
    } else {
      facetsError.value = result.error;
    }
  }

  let detailRequest = 0;
  async function openDetail(id: number, quietly = false): Promise<void> {
    const request = ++detailRequest;
    if (!quietly) {
      detailId.value = id;
      detail.value = null;
      detailError.value = null;
    }
    detailLoading.value = true;
    const result = await api.library.get({ id });
    if (request !== detailRequest) return;
    detailLoading.value = false;
    if (result.ok) {
      detail.value = result.value;
      detailError.value = null;
    } else {
      detailError.value = result.error;
    }
  }

  function closeDetail(): void {
    detailRequest += 1;
    detailId.value = null;
    detail.value = null;
    detailError.value = null;
    detailLoading.value = false;
  }

  /** `library.changed`: refresh the rows, the filter values, and the open recording if named. */
  function noteChanged(recordingIds: readonly number[]): void {
    forgetMissingThumbnails();
    refresh();
    void loadFacets();
    if (detailId.value !== null && recordingIds.includes(detailId.value)) void openDetail(detailId.value, true);
  }

  // Thumbnails: the list names the clips it shows; once scrolling settles they are fetched,
  // a few at a time, newest wish first. Far-away entries leave the cache.
  let wantedClips: number[] = [];
  /** The clips the list shows now; never dropped from the cache. */
  let shownClips = new Set<number>();
  let activeThumbnails = 0;
  let thumbnailTimer: ReturnType<typeof setTimeout> | undefined;

  function wantThumbnails(clipIds: readonly number[]): void {
    shownClips = new Set(clipIds);
    wantedClips = [...shownClips];
    clearTimeout(thumbnailTimer);
    thumbnailTimer = setTimeout(pumpThumbnails, thumbnailSettleMs);
  }

  function publishThumbnails(): void {
    thumbnails.value = new Map(thumbnailCache);
  }

  function pumpThumbnails(): void {
    let started = false;
    while (activeThumbnails < thumbnailConcurrency && wantedClips.length > 0) {
      const clipId = wantedClips.shift()!;
      if (thumbnailCache.has(clipId)) continue;
      thumbnailCache.set(clipId, { state: 'loading' });
      started = true;
      activeThumbnails += 1;
      void api.library.thumbnails({ clipId }).then((result) => {
        activeThumbnails -= 1;
        const next: ThumbnailState = !result.ok ? { state: 'failed' } : result.value ? { state: 'ready', strip: result.value } : { state: 'none' };
        thumbnailCache.set(clipId, next);
        trimThumbnails();
        publishThumbnails();
        pumpThumbnails();
      });
    }
    if (started) publishThumbnails();
  }

  function trimThumbnails(): void {
    let excess = thumbnailCache.size - thumbnailCacheSize;
    for (const [clipId, entry] of thumbnailCache) {
      if (excess <= 0) break;
      if (entry.state === 'loading' || shownClips.has(clipId)) continue;
      thumbnailCache.delete(clipId);
      excess -= 1;
    }
  }

  /** A scan may have made thumbnails that were missing: ask again for those. */
  function forgetMissingThumbnails(): void {
    for (const [clipId, entry] of thumbnailCache) {
      if (entry.state === 'none' || entry.state === 'failed') thumbnailCache.delete(clipId);
    }
    publishThumbnails();
  }

  onScopeDispose(() => {
    clearTimeout(textTimer);
    clearTimeout(thumbnailTimer);
  });

  return {
    filters,
    textInput,
    sort,
    descending,
    total,
    pages,
    error,
    pendingPages,
    queryVersion,
    facets,
    facetsError,
    detailId,
    detail,
    detailLoading,
    detailError,
    thumbnails,
    filtersActive,
    loadedRowCount,
    rowAt,
    showWindow,
    refresh,
    setText,
    applyText,
    setFilter,
    resetFilters,
    setSort,
    loadFacets,
    openDetail,
    closeDetail,
    noteChanged,
    wantThumbnails,
  };
});
