// What keeps a clip or stops its use, per clip of the library: its holds (Aufbewahrungs-
// verlängerungen), its processing locks (Verarbeitungssperren) and a pending request to delete it
// early. Each request or decision about them is followed by loading the clip's state again, as the
// core stored it. Only what the signed-in role may read is asked for.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { Approval } from '../../../shared/api/approvals.ts';
import type { ApiError, Result } from '../../../shared/api/result.ts';
import type { Hold, HoldApplication, HoldRequest, LockDecision, LockFlag, ProcessingLock } from '../../../shared/api/retention.ts';
import { api } from '../api/index.ts';
import { clipIdOfSubject } from '../format/governance.ts';
import { useSessionStore } from './session.ts';

export interface ClipGovernance {
  holds: Hold[];
  locks: ProcessingLock[];
  /** A pending request to delete the clip early that the user may see, or null. */
  pendingDeletion: Approval | null;
  /** The first call that failed while loading, or null. */
  error: ApiError | null;
}

export const useClipGovernanceStore = defineStore('clipGovernance', () => {
  const session = useSessionStore();
  const byClip = ref<Record<number, ClipGovernance>>({});

  async function load(clipId: number): Promise<void> {
    const [holds, locks, approvals] = await Promise.all([
      session.may('holds.read') ? api.holds.list({ clipId }) : null,
      session.may('locks.read') ? api.locks.list({ clipId }) : null,
      session.may('approvals.read') ? api.approvals.list({ includeDecided: false }) : null,
    ]);
    const failed = [holds, locks, approvals].find((result) => result !== null && !result.ok);
    byClip.value = {
      ...byClip.value,
      [clipId]: {
        holds: holds?.ok ? holds.value : [],
        locks: locks?.ok ? locks.value : [],
        pendingDeletion: approvals?.ok ? (approvals.value.find((approval) => approval.kind === 'early-deletion' && clipIdOfSubject(approval.subject) === clipId) ?? null) : null,
        error: failed && !failed.ok ? failed.error : null,
      },
    };
  }

  /** Runs a change; when it succeeds, loads the clip's state again. */
  async function settle<T>(clipId: number, call: Promise<Result<T>>): Promise<Result<T>> {
    const result = await call;
    if (result.ok) await load(clipId);
    return result;
  }

  return {
    byClip,
    load,
    requestHold: (request: HoldRequest): Promise<Result<HoldApplication>> => settle(request.clipId, api.holds.request(request)),
    requestLift: (clipId: number, holdId: number, reason: string): Promise<Result<HoldApplication>> => settle(clipId, api.holds.requestLift({ holdId, reason })),
    requestDeletion: (clipId: number, reason: string): Promise<Result<Approval>> => settle(clipId, api.clips.requestEarlyDeletion({ clipId, reason })),
    flag: (flag: LockFlag): Promise<Result<ProcessingLock>> => settle(flag.clipId, api.locks.flag(flag)),
    decideLock: (clipId: number, decision: LockDecision): Promise<Result<ProcessingLock>> => settle(clipId, api.locks.decide(decision)),
  };
});
