// Undo and redo of annotation changes, per clip and session (CVAT's command history): each step
// names the state an annotation must still be in (`expected`, compared by version) and the state
// to put back (`restore`; null: the change created it, undo marks it deleted). Undoing a step
// pushes the reverse step onto the redo stack and the other way round, so both directions check
// versions the same way and a change made by someone else in between is never overwritten.
import type { Annotation, AnnotationChangeType, HistoryState } from '../../../shared/api/annotations.ts';
import { recordOf } from './annotation-changes.ts';

export interface HistoryStep {
  type: AnnotationChangeType;
  expected: Annotation;
  restore: Annotation | null;
}

interface Stacks {
  undo: HistoryStep[];
  redo: HistoryStep[];
}

/** Steps kept per clip and session; older ones fall off the bottom. */
export const historyLimit = 200;

export class AnnotationHistory {
  readonly #stacks = new Map<string, Stacks>();

  #of(sessionId: string, clipId: number): Stacks {
    const key = `${clipId}\n${sessionId}`;
    let stacks = this.#stacks.get(key);
    if (!stacks) {
      stacks = { undo: [], redo: [] };
      this.#stacks.set(key, stacks);
    }
    return stacks;
  }

  /** A new change: it can be undone, and what was undone before can no longer be redone. */
  record(sessionId: string, clipId: number, step: HistoryStep): void {
    const stacks = this.#of(sessionId, clipId);
    stacks.undo.push(step);
    if (stacks.undo.length > historyLimit) stacks.undo.shift();
    stacks.redo = [];
  }

  /** The step undo (or redo) would take next, without taking it. */
  next(sessionId: string, clipId: number, direction: keyof Stacks): HistoryStep | null {
    return this.#of(sessionId, clipId)[direction].at(-1) ?? null;
  }

  /**
   * The next step was taken: it leaves its stack and its reverse goes onto the other one. The
   * state it wrote has the content of the state it restored, under a new version; older steps
   * that expect the restored version now expect the written one.
   */
  taken(sessionId: string, clipId: number, direction: keyof Stacks, reverse: HistoryStep): void {
    const stacks = this.#of(sessionId, clipId);
    const step = stacks[direction].pop();
    const restored = step?.restore ? recordOf(step.restore) : null;
    if (restored) {
      for (const other of [...stacks.undo, ...stacks.redo]) {
        const expected = recordOf(other.expected);
        if (other.expected.kind === reverse.expected.kind && expected.id === restored.id && expected.version === restored.version) other.expected = reverse.expected;
      }
    }
    const other = direction === 'undo' ? stacks.redo : stacks.undo;
    other.push(reverse);
    if (other.length > historyLimit) other.shift();
  }

  /** The next step can no longer be taken (the annotation changed meanwhile): drop it. */
  discard(sessionId: string, clipId: number, direction: keyof Stacks): void {
    this.#of(sessionId, clipId)[direction].pop();
  }

  state(sessionId: string, clipId: number): HistoryState {
    const stacks = this.#of(sessionId, clipId);
    return { undo: stacks.undo.at(-1)?.type ?? null, redo: stacks.redo.at(-1)?.type ?? null };
  }
}
