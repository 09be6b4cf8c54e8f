// What each role may do: deny by default, one table. The core checks it in every service call
// (electron/core/governance/access.ts); the renderer reads it only to hide what would be refused.
import type { ActorRole } from './actor.ts';

export const permissions = {
  /** The library: recordings' metadata, facets, scan state. */
  'library.read': ['investigator', 'supervisor'],
  /** Picture and sound: opening a clip, its proxy, thumbnails and waveform. */
  'footage.view': ['investigator', 'supervisor'],
  /** Evidence markers, redaction tracks and audio redactions. */
  'annotations.edit': ['investigator', 'supervisor'],
  'export.court': ['investigator', 'supervisor'],
  'export.training': ['investigator', 'supervisor'],
  'export.still': ['investigator', 'supervisor'],
  /** A still without its masks shows third parties. */
  'export.unredacted-still': ['supervisor'],
  /** Past exports with their recipients and hashes. */
  'exports.read': ['investigator', 'supervisor', 'dpo'],
  /** Stopping an export someone else started. */
  'exports.cancel-any': ['supervisor'],
  /** Finished anonymised training clips only. */
  'exports.read-training': ['trainer'],
  /** Reading new files of the station drive into the library. */
  'scan.run': ['investigator', 'supervisor', 'administrator', 'system'],
  /** Re-hashing the originals (integrity check); shows no footage. */
  'originals.verify': ['supervisor', 'administrator', 'system'],
  /** Station settings; `system` for the drive given to `revier serve --drive` by whoever runs it. */
  'settings.change': ['administrator', 'system'],
  /** The audit log, its verification and reports. */
  'audit.read': ['dpo'],
  'users.manage': ['administrator'],
  /** Cases (Vorgänge): create them, assign clips and investigators. */
  'cases.manage': ['supervisor'],
  /** The cases one works on (supervisors: every case), with their members and clips' facts. */
  'cases.read': ['investigator', 'supervisor'],
  /** Deletion dates, the preview of the next retention run, tombstones (Löschnachweise). */
  'retention.read': ['supervisor', 'dpo', 'administrator', 'system'],
  /** Running the retention job by hand (the station runs it daily as `system`). */
  'retention.run': ['administrator', 'system'],
  /** One's own approval requests (Vier-Augen-Freigabe). */
  'approvals.read': ['investigator', 'supervisor', 'dpo'],
  /** Every approval request, not only one's own: the deciders' queue, the DPO's check. */
  'approvals.read-all': ['supervisor', 'dpo'],
  /** Approving or rejecting someone else's request (never one's own: four eyes). */
  'approvals.decide': ['supervisor'],
  /** Holds with their review dates. */
  'holds.read': ['investigator', 'supervisor', 'dpo'],
  /** Asking for a hold, or for an active hold to be lifted. */
  'holds.request': ['investigator', 'supervisor'],
  /** Asking for a clip to be deleted before its date. */
  'deletion.request': ['investigator', 'supervisor'],
  /** Processing locks (home, Kernbereich) with the judges' decisions. */
  'locks.read': ['investigator', 'supervisor', 'dpo'],
  /** Flagging a clip as recorded in a home or touching the Kernbereich. */
  'locks.flag': ['investigator', 'supervisor'],
  /** Entering a judge's decision on a home recording. */
  'locks.decide': ['supervisor'],
  /** Data subjects' access requests (Auskunftsersuchen): recording them and deciding (a granted one exports a redacted copy). */
  'access-requests.manage': ['supervisor'],
  /** The access requests with their decisions. */
  'access-requests.read': ['supervisor', 'dpo'],
} as const satisfies Record<string, readonly ActorRole[]>;

export type Permission = keyof typeof permissions;

export function mayDo(role: ActorRole, permission: Permission): boolean {
  return (permissions[permission] as readonly ActorRole[]).includes(role);
}
