// The viewing session: the justifications given so far (reusable for further clips of the same
// case until the app closes, never stored), and the recording that is open with its clips. A
// recording is opened as a whole: one justification, one audited consultation per clip, so a
// split recording plays as one timeline.
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { ProxyState, RecordingDetail, ThumbnailStrip } from '../../../shared/api/library.ts';
import type { ClipMedia, OpenedClip, WaveformPeaks } from '../../../shared/api/player.ts';
import type { ApiError } from '../../../shared/api/result.ts';
import { layOutClips, type ClipSpan } from '../../../shared/time/recording-timeline.ts';
import { api } from '../api/index.ts';

export interface OpenRecording {
  detail: RecordingDetail;
  justification: string;
  /** Clips that can be shown (frames indexed, not missing), in recording order. */
  clips: OpenedClip[];
  spans: ClipSpan[];
  thumbnails: (ThumbnailStrip | null)[];
  waveforms: (WaveformPeaks | null)[];
}

const recentLimit = 8;

export const usePlayerStore = defineStore('player', () => {
  const justifications = ref<string[]>([]);
  const recording = shallowRef<OpenRecording | null>(null);
  const opening = ref(false);
  const error = ref<ApiError | null>(null);

  function remember(justification: string): void {
    justifications.value = [justification, ...justifications.value.filter((j) => j !== justification)].slice(0, recentLimit);
  }

  /** Whether the clip belongs to the recording that is already open (no new justification needed). */
  function isOpen(clipId: number): boolean {
    return recording.value?.clips.some((clip) => clip.clipId === clipId) ?? false;
  }

  /** Opens the clip's recording with a justification; every clip's opening is audited. */
  async function open(clipId: number, justification: string): Promise<boolean> {
    opening.value = true;
    error.value = null;
    try {
      const first = await api.player.open({ clipId, justification });
      if (!first.ok) return fail(first.error);
      remember(first.value.justification);
      const detail = await api.library.get({ id: first.value.recordingId });
      if (!detail.ok) return fail(detail.error);
      const clips: OpenedClip[] = [];
      for (const clip of detail.value.clips) {
        if (clip.id === clipId) {
          clips.push(first.value);
          continue;
        }
        if (clip.state === 'missing' || clip.frameCount === 0) continue;
        const opened = await api.player.open({ clipId: clip.id, justification: first.value.justification });
        if (opened.ok) clips.push(opened.value);
      }
      const [thumbnails, waveforms] = await Promise.all([
        Promise.all(clips.map(async (c) => unwrap(await api.library.thumbnails({ clipId: c.clipId })))),
        Promise.all(clips.map(async (c) => unwrap(await api.library.waveform({ clipId: c.clipId })))),
      ]);
      recording.value = {
        detail: detail.value,
        justification: first.value.justification,
        clips,
        spans: layOutClips(clips.map((c) => ({ clipId: c.clipId, timeline: c.frames }))),
        thumbnails,
        waveforms,
      };
      // A proxy that finished while the clips were being opened announced it before this store
      // knew the clip; ask once now, later announcements reach `refreshMedia` through the view.
      await Promise.all(clips.filter((c) => !c.media).map((c) => refreshMedia(c.clipId)));
      return true;
    } finally {
      opening.value = false;
    }
  }

  function fail(apiError: ApiError): false {
    error.value = apiError;
    return false;
  }

  /** Asks again for a clip's media (its review proxy finished). */
  async function refreshMedia(clipId: number): Promise<ClipMedia | null> {
    const result = await api.player.media({ clipId });
    const current = recording.value;
    if (!result.ok || !current) return null;
    recording.value = { ...current, clips: current.clips.map((c) => (c.clipId === clipId ? { ...c, media: result.value } : c)) };
    return result.value;
  }

  /** Progress of the review proxy a clip waits for. */
  function updateProxy(clipId: number, proxy: ProxyState): void {
    const current = recording.value;
    if (current) recording.value = { ...current, clips: current.clips.map((c) => (c.clipId === clipId ? { ...c, proxy } : c)) };
  }

  const clipCount = computed(() => recording.value?.clips.length ?? 0);

  return { justifications, recording, opening, error, clipCount, isOpen, open, refreshMedia, updateProxy };
});

function unwrap<T>(result: { ok: true; value: T } | { ok: false }): T | null {
  return result.ok ? result.value : null;
}
