// What the player's annotation keys and the picture's drawing do: markers from the frame on
// screen or the I/O range, redaction boxes drawn, moved and nudged on the paused picture (each a
// keyframe on the frame on screen), outside toggled, the shape copied to the next frame, audio
// redactions from the I/O range, delete, undo and redo. Every edit is one change to the core
// (stores/annotations.ts); refusals are shown as toasts with the core's message.
import { computed, ref, type Ref } from 'vue';
import type { AnnotationChange, Track } from '../../../shared/api/annotations.ts';
import type { Box } from '../../../shared/tracks/interpolation.ts';
import { nudgeBox, type NudgeKey } from '../player/overlay-geometry.ts';
import type { PlayerCommand } from '../player/shortcuts.ts';
import { boxNear, copyToNextFrame, placeBox, toggleOutside } from '../player/track-edits.ts';
import { useAnnotationsStore } from '../stores/annotations.ts';
import { useNotificationsStore } from '../stores/notifications.ts';

export type DrawShape = 'rectangle' | 'ellipse';

export interface AnnotationCommandContext {
  /** The frame the reviewer stands on (of the clip on screen). */
  frame: () => number;
  /** The I/O range when both points are set on the clip on screen, in frame order. */
  range: () => { startFrame: number; endFrame: number } | null;
  categories: Ref<string[]>;
  paused: Ref<boolean>;
  pause: () => void;
  step: (delta: number) => void;
}

const nudges: Partial<Record<PlayerCommand, { key: NudgeKey; resize: boolean }>> = {
  maskLeft: { key: 'ArrowLeft', resize: false },
  maskRight: { key: 'ArrowRight', resize: false },
  maskUp: { key: 'ArrowUp', resize: false },
  maskDown: { key: 'ArrowDown', resize: false },
  maskNarrower: { key: 'ArrowLeft', resize: true },
  maskWider: { key: 'ArrowRight', resize: true },
  maskShorter: { key: 'ArrowUp', resize: true },
  maskTaller: { key: 'ArrowDown', resize: true },
};

/** Redactions start as pixelation of a bystander; the panel changes method and reason. */
const newTrack = { method: 'pixelate', blockSize: 16, reason: 'bystander', note: '' } as const;

export function useAnnotationCommands(context: AnnotationCommandContext) {
  const store = useAnnotationsStore();
  const notifications = useNotificationsStore();
  const drawShape = ref<DrawShape | null>(null);
  const preview = ref(true);
  let lastCategory: string | null = null;

  async function send(change: AnnotationChange | (() => AnnotationChange | null)): Promise<void> {
    const annotation = await store.apply(change);
    if (!annotation) {
      if (store.error) notifications.notify('error', 'annotations.refused', store.error.message);
      return;
    }
    const id = annotation.kind === 'marker' ? annotation.marker.id : annotation.kind === 'track' ? annotation.track.id : annotation.audio.id;
    const deleted = (annotation.kind === 'marker' ? annotation.marker : annotation.kind === 'track' ? annotation.track : annotation.audio).deletedUtc !== null;
    store.select(deleted ? null : { kind: annotation.kind, id });
  }

  function defaultCategory(): string {
    const categories = context.categories.value;
    if (lastCategory && categories.includes(lastCategory)) return lastCategory;
    return categories.includes('Sonstiges') ? 'Sonstiges' : (categories[0] ?? 'Sonstiges');
  }

  function needRange(): { startFrame: number; endFrame: number } | null {
    const range = context.range();
    if (!range) notifications.notify('error', 'annotations.needRange');
    return range;
  }

  /** An edit of the selected track on the frame on screen, made from the track as it is when its turn comes. */
  function editTrack(edit: (track: Track, frame: number) => AnnotationChange | null, frame = context.frame()): void {
    if (!store.selectedTrack) {
      notifications.notify('error', 'annotations.needTrack');
      return;
    }
    context.pause();
    void send(() => {
      const track = store.selectedTrack;
      return track ? edit(track, frame) : null;
    });
  }

  function travel(direction: 'undo' | 'redo'): void {
    void (direction === 'undo' ? store.undo() : store.redo()).then((annotation) => {
      if (!annotation && store.error) notifications.notify('error', 'annotations.refused', store.error.message);
    });
  }

  function deleteSelection(): void {
    const selection = store.selection;
    const row = store.selectedMarker ?? store.selectedTrack ?? store.selectedAudio;
    if (!selection || !row) return;
    const type = `${selection.kind}.delete` as 'marker.delete' | 'track.delete' | 'audio.delete';
    void send({ type, id: row.id, version: row.version });
  }

  /** Runs an annotation command; false when the command is not one of these. */
  function run(command: PlayerCommand): boolean {
    const nudge = nudges[command];
    if (nudge) {
      editTrack((track, frame) => placeBox(track, frame, nudgeBox(boxNear(track, frame), nudge.key, { resize: nudge.resize, large: false }, store.set?.picture ?? { width: 0, height: 0 })));
      return true;
    }
    switch (command) {
      case 'markPoint': {
        const frame = context.frame();
        void send({ type: 'marker.create', marker: { startFrame: frame, endFrame: frame, category: defaultCategory(), text: '', statement: 'fact' } });
        return true;
      }
      case 'markRange': {
        const range = needRange();
        if (range) void send({ type: 'marker.create', marker: { ...range, category: defaultCategory(), text: '', statement: 'fact' } });
        return true;
      }
      case 'audioRedaction': {
        const range = needRange();
        if (range) void send({ type: 'audio.create', audio: { ...range, effect: 'mute', channel: null, note: '' } });
        return true;
      }
      case 'drawRectangle':
      case 'drawEllipse':
        context.pause();
        drawShape.value = command === 'drawRectangle' ? 'rectangle' : 'ellipse';
        return true;
      case 'toggleOutside':
        editTrack(toggleOutside);
        return true;
      case 'copyToNextFrame': {
        // The step is taken at once, so that a second N copies on from the next frame.
        const frame = context.frame();
        editTrack((track, from) => copyToNextFrame(track, from, store.set?.frameCount ?? 0), frame);
        if (store.selectedTrack && frame + 1 < (store.set?.frameCount ?? 0)) context.step(1);
        return true;
      }
      case 'togglePreview':
        preview.value = !preview.value;
        return true;
      case 'deleteSelection':
        deleteSelection();
        return true;
      case 'cancel':
        if (drawShape.value) drawShape.value = null;
        else store.select(null);
        return true;
      case 'undo':
      case 'redo':
        travel(command);
        return true;
      default:
        return false;
    }
  }

  /** A box drawn on the picture: a new track with its first keyframe on the frame on screen. */
  function draw(box: Box): void {
    const shape = drawShape.value;
    drawShape.value = null;
    if (!shape) return;
    void send({ type: 'track.create', track: { ...newTrack, shape, keyframes: [{ frame: context.frame(), box, outside: false }] } });
  }

  /** A mask moved or resized on the picture: a keyframe on the frame on screen. */
  function edit(trackId: number, box: Box): void {
    const frame = context.frame();
    void send(() => {
      const track = store.set?.tracks.find((t) => t.id === trackId);
      return track ? placeBox(track, frame, box) : null;
    });
  }

  /** A change from the side panel; a marker's category is remembered for the next one. */
  function change(value: AnnotationChange): void {
    if (value.type === 'marker.update') lastCategory = value.marker.category;
    void send(value);
  }

  const editable = computed(() => context.paused.value);

  return { drawShape, preview, editable, run, draw, edit, change };
}
