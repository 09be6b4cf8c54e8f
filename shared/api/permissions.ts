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
  /** Deletion dates, the preview of the next retention run, tombstones (Löschnachweise). */
  'retention.read': ['supervisor', 'dpo', 'administrator', 'system'],
  /** Running the retention job by hand (the station runs it daily as `system`). */
  'retention.run': ['administrator', 'system'],
} as const satisfies Record<string, readonly ActorRole[]>;

export type Permission = keyof typeof permissions;

export function mayDo(role: ActorRole, permission: Permission): boolean {
  return (permissions[permission] as readonly ActorRole[]).includes(role);
}
