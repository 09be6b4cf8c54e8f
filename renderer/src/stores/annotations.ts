// The annotations of the clip on screen: markers, redaction tracks and audio redactions as
// immutable snapshots from the core, the selection, and the undo state. Every edit goes to the
// core as one change and the snapshot takes the answer; nothing is edited in place. A refused
// change (stale version, bad input) leaves the snapshot as it was and reports the error; a
// conflict reloads the set, since another station changed it.
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type {
  Annotation,
  AnnotationChange,
  AnnotationExport,
  AnnotationRef,
  AnnotationSet,
  annotationFormats,
  PackedAnnotationUpdate,
  AudioRedaction,
  Marker,
  Track,
} from '../../../shared/api/annotations.ts';
import type { ApiError, Result } from '../../../shared/api/result.ts';
import { api } from '../api/index.ts';
import { unpackSet, unpackUpdate } from '../api/packed-annotations.ts';

type Row = Marker | Track | AudioRedaction;

/** The list with `row` put in by id (removed when deleted), kept in `order`. */
function replaced<T extends Row>(list: readonly T[], row: T, order: (a: T, b: T) => number): T[] {
  const others = list.filter((item) => item.id !== row.id);
  if (row.deletedUtc !== null) return others;
  const index = others.findIndex((item) => order(row, item) < 0);
  others.splice(index === -1 ? others.length : index, 0, row);
  return others;
}

const byStart = (a: Marker | AudioRedaction, b: Marker | AudioRedaction) => a.startFrame - b.startFrame || a.id - b.id;
const byId = (a: Track, b: Track) => a.id - b.id;

export const useAnnotationsStore = defineStore('annotations', () => {
  const set = shallowRef<AnnotationSet | null>(null);
  const selection = ref<AnnotationRef | null>(null);
  const error = ref<ApiError | null>(null);
  const busy = ref(false);

  /** The clip asked for last: an answer for an earlier one is dropped. */
  let wanted: number | null = null;

  /** Loads the annotations of a clip opened in this session. */
  async function load(clipId: number): Promise<void> {
    wanted = clipId;
    const result = await api.annotations.get({ clipId });
    if (wanted !== clipId) return;
    if (!result.ok) {
      error.value = result.error;
      set.value = null;
      return;
    }
    error.value = null;
    set.value = unpackSet(result.value);
    if (selection.value && !find(selection.value)) selection.value = null;
  }

  function find(ref: AnnotationRef): Row | null {
    const current = set.value;
    if (!current) return null;
    const list: readonly Row[] = ref.kind === 'marker' ? current.markers : ref.kind === 'track' ? current.tracks : current.audio;
    return list.find((row) => row.id === ref.id) ?? null;
  }

  function take(annotation: Annotation, history: AnnotationSet['history']): void {
    const current = set.value;
    if (!current) return;
    if (annotation.kind === 'marker') set.value = { ...current, history, markers: replaced(current.markers, annotation.marker, byStart) };
    else if (annotation.kind === 'track') set.value = { ...current, history, tracks: replaced(current.tracks, annotation.track, byId) };
    else set.value = { ...current, history, audio: replaced(current.audio, annotation.audio, byStart) };
  }

  async function settle(request: Promise<Result<PackedAnnotationUpdate>>): Promise<Annotation | null> {
    const clipId = set.value?.clipId;
    busy.value = true;
    try {
      const result = await request;
      if (!result.ok) {
        error.value = result.error;
        if (result.error.code === 'conflict' && clipId !== undefined) {
          const reported = result.error;
          await load(clipId);
          error.value = reported;
        }
        return null;
      }
      error.value = null;
      const update = unpackUpdate(result.value);
      take(update.annotation, update.history);
      return update.annotation;
    } finally {
      busy.value = false;
    }
  }

  /** Changes run one after another: each is based on the row versions its predecessor left. */
  let queue: Promise<unknown> = Promise.resolve();

  function enqueue(request: () => Promise<Result<PackedAnnotationUpdate>> | null): Promise<Annotation | null> {
    const run = queue.then(() => {
      const sent = request();
      return sent ? settle(sent) : null;
    });
    queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Sends one change, or the change a function makes from the snapshot when its turn comes (so
   * a key held down moves a box step by step on the current version); answers the annotation as
   * it is now, or null when refused (see `error`) or when there was nothing to change.
   */
  function apply(change: AnnotationChange | (() => AnnotationChange | null)): Promise<Annotation | null> {
    return enqueue(() => {
      const clipId = set.value?.clipId;
      const next = typeof change === 'function' ? change() : change;
      return clipId === undefined || !next ? null : api.annotations.change({ clipId, change: next });
    });
  }

  function travel(direction: 'undo' | 'redo'): Promise<Annotation | null> {
    return enqueue(() => {
      const clipId = set.value?.clipId;
      if (clipId === undefined || !set.value?.history[direction]) return null;
      return direction === 'undo' ? api.annotations.undo({ clipId }) : api.annotations.redo({ clipId });
    });
  }

  /** The clip's annotations as a JSON document or its markers as WebVTT (the core logs the disclosure). */
  async function exportDocument(format: (typeof annotationFormats)[number]): Promise<AnnotationExport | null> {
    const clipId = set.value?.clipId;
    if (clipId === undefined) return null;
    const result = await api.annotations.export({ clipId, format });
    error.value = result.ok ? null : result.error;
    return result.ok ? result.value : null;
  }

  /** Adds the annotations of a JSON document; the snapshot becomes the clip's set after it. */
  async function importDocument(document: string): Promise<boolean> {
    const clipId = set.value?.clipId;
    if (clipId === undefined) return false;
    const result = await api.annotations.import({ clipId, document });
    if (!result.ok) {
      error.value = result.error;
      return false;
    }
    error.value = null;
    set.value = unpackSet(result.value);
    selection.value = null;
    return true;
  }

  function select(ref: AnnotationRef | null): void {
    selection.value = ref;
  }

  const selectedMarker = computed(() => (selection.value?.kind === 'marker' ? (find(selection.value) as Marker | null) : null));
  const selectedTrack = computed(() => (selection.value?.kind === 'track' ? (find(selection.value) as Track | null) : null));
  const selectedAudio = computed(() => (selection.value?.kind === 'audio' ? (find(selection.value) as AudioRedaction | null) : null));

  return {
    set,
    selection,
    selectedMarker,
    selectedTrack,
    selectedAudio,
    error,
    busy,
    load,
    apply,
    undo: () => travel('undo'),
    redo: () => travel('redo'),
    exportDocument,
    importDocument,
    select,
  };
});
