// The one contract between renderer and core: every method with its request and response
// schema, and every event the core may push. Hosts, preload and client are generated from it.
import { z } from 'zod';
import { AppStatusSchema } from './status.ts';
import { SettingsPatchSchema, SettingsSchema } from './settings.ts';
import { AuditQueryPageSchema, AuditQueryRequestSchema, AuditReportRequestSchema, AuditVerificationSchema, SavedAuditReportSchema } from './audit.ts';
import {
  HoldApplicationSchema,
  HoldLiftRequestSchema,
  HoldListRequestSchema,
  HoldRequestSchema,
  HoldSchema,
  LockDecisionRequestSchema,
  LockFlagRequestSchema,
  LockListRequestSchema,
  ProcessingLockSchema,
  RetentionPreviewSchema,
  RetentionRunSchema,
  TombstoneSchema,
} from './retention.ts';
import { ApprovalDecisionRequestSchema, ApprovalIdRequestSchema, ApprovalListRequestSchema, ApprovalSchema, EarlyDeletionRequestSchema } from './approvals.ts';
import {
  LibraryFacetsSchema,
  LibraryPageSchema,
  LibraryQuerySchema,
  RecordingDetailSchema,
  ScanProgressSchema,
  ProxyStateSchema,
  ThumbnailStripSchema,
} from './library.ts';
import { ClipMediaSchema, OpenClipRequestSchema, OpenedClipSchema, WaveformPeaksSchema } from './player.ts';
import {
  AnnotationExportSchema,
  ChangeRequestSchema,
  ClipRequestSchema,
  ExportRequestSchema,
  ImportRequestSchema,
  PackedAnnotationSetSchema,
  PackedAnnotationUpdateSchema,
} from './annotations.ts';
import { ExportIdRequestSchema, ExportJobRequestSchema, ExportJobSchema } from './exports.ts';
import type { Result } from './result.ts';
import {
  AccountChangeSchema,
  ChangePasswordRequestSchema,
  NewAccountSchema,
  PasswordResetSchema,
  SessionStateSchema,
  SetupRequestSchema,
  SignInRequestSchema,
  UnlockRequestSchema,
  UserAccountSchema,
  UsernameRequestSchema,
} from './accounts.ts';
import { CaseClipRequestSchema, CaseFileSchema, CaseMembersRequestSchema, CasePersonSchema, NewCaseSchema } from './cases.ts';
import { AccessRequestDecisionSchema, AccessRequestSchema, NewAccessRequestSchema } from './access-requests.ts';

const NoRequest = z.object({}).strict();

export const contract = {
  /** Who is signed in at this window: setup (no account yet), signed out, locked or signed in. */
  'session.state': { request: NoRequest, response: SessionStateSchema },
  /** Creates the first administrator on a station without accounts, and signs them in. */
  'session.setup': { request: SetupRequestSchema, response: SessionStateSchema },
  'session.signIn': { request: SignInRequestSchema, response: SessionStateSchema },
  'session.signOut': { request: NoRequest, response: SessionStateSchema },
  /** The screen lock: the session stays but acts for nobody until its user's password unlocks it. */
  'session.lock': { request: NoRequest, response: SessionStateSchema },
  'session.unlock': { request: UnlockRequestSchema, response: SessionStateSchema },
  'session.changePassword': { request: ChangePasswordRequestSchema, response: z.void() },
  /** The station's accounts (administrators only). */
  'users.list': { request: NoRequest, response: z.array(UserAccountSchema) },
  'users.create': { request: NewAccountSchema, response: UserAccountSchema },
  /** Changes name, roles or active state, based on the account's version. */
  'users.update': { request: AccountChangeSchema, response: UserAccountSchema },
  'users.resetPassword': { request: PasswordResetSchema, response: UserAccountSchema },
  /** Lifts the lock after wrong passwords. */
  'users.unlock': { request: UsernameRequestSchema, response: UserAccountSchema },
  /** Cases (Vorgänge): supervisors see all, investigators those they work on, with members and clips. */
  'cases.list': { request: NoRequest, response: z.array(CaseFileSchema) },
  /** Who can be named to work on a case: active investigators and supervisors (supervisors only). */
  'cases.people': { request: NoRequest, response: z.array(CasePersonSchema) },
  'cases.create': { request: NewCaseSchema, response: CaseFileSchema },
  /** Files a clip under a case (audited as a combination); its members may then see it. */
  'cases.addClip': { request: CaseClipRequestSchema, response: CaseFileSchema },
  'cases.removeClip': { request: CaseClipRequestSchema, response: CaseFileSchema },
  /** Sets everyone who works on the case. */
  'cases.setMembers': { request: CaseMembersRequestSchema, response: CaseFileSchema },
  'app.status': { request: NoRequest, response: AppStatusSchema },
  'settings.get': { request: NoRequest, response: SettingsSchema },
  'settings.update': { request: SettingsPatchSchema, response: SettingsSchema },
  /** Entries filtered by clip, user, action, event and period, newest first (the reading is logged). */
  'audit.query': { request: AuditQueryRequestSchema, response: AuditQueryPageSchema },
  'audit.verify': { request: NoRequest, response: AuditVerificationSchema },
  /** The report (PDF or CSV) on one clip, user or period, saved in the export folder; logged as a disclosure. */
  'audit.report': { request: AuditReportRequestSchema, response: SavedAuditReportSchema },
  /** What the next retention run deletes, and what it keeps with why. */
  'retention.preview': { request: NoRequest, response: RetentionPreviewSchema },
  /** The deletion records (Löschnachweise), oldest first. */
  'retention.tombstones': { request: NoRequest, response: z.array(TombstoneSchema) },
  /** Runs the retention job now (administrators), or shows what it would do. */
  'retention.run': { request: z.object({ dryRun: z.boolean().default(false) }).strict(), response: RetentionRunSchema },
  /** The four-eyes queue: pending requests (all for supervisors and the DPO, else one's own); settled ones on request. */
  'approvals.list': { request: ApprovalListRequestSchema, response: z.array(ApprovalSchema) },
  /** Approves (with its effect: a hold becomes active or is lifted, a clip is deleted) or rejects someone else's request. */
  'approvals.decide': { request: ApprovalDecisionRequestSchema, response: ApprovalSchema },
  /** The requester takes back a pending request. */
  'approvals.withdraw': { request: ApprovalIdRequestSchema, response: ApprovalSchema },
  /** Holds (Aufbewahrungsverlängerungen), all or of one clip, with overdue reviews flagged. */
  'holds.list': { request: HoldListRequestSchema, response: z.array(HoldSchema) },
  /** Asks for a hold: it keeps the clip at once and is active after a second person's approval. */
  'holds.request': { request: HoldRequestSchema, response: HoldApplicationSchema },
  /** Asks for an active hold to be lifted (needs approval). */
  'holds.requestLift': { request: HoldLiftRequestSchema, response: HoldApplicationSchema },
  /** Asks for a clip to be deleted before its date; a second person's approval deletes it. */
  'clips.requestEarlyDeletion': { request: EarlyDeletionRequestSchema, response: ApprovalSchema },
  /** Processing locks (Verarbeitungssperren), all or of one clip. */
  'locks.list': { request: LockListRequestSchema, response: z.array(ProcessingLockSchema) },
  /** Flags a clip as recorded in a home (locked until a judge decides) or touching the Kernbereich (deleted by the next retention run). */
  'locks.flag': { request: LockFlagRequestSchema, response: ProcessingLockSchema },
  /** Enters a judge's decision on a home lock: lawful releases the clip, unlawful orders its deletion. */
  'locks.decide': { request: LockDecisionRequestSchema, response: ProcessingLockSchema },
  /** Data subjects' access requests (Auskunftsersuchen), newest first, with the clips found and the decisions. */
  'accessRequests.list': { request: NoRequest, response: z.array(AccessRequestSchema) },
  /** Records a request and finds the clips whose recording overlaps its window (and officer/device). */
  'accessRequests.create': { request: NewAccessRequestSchema, response: AccessRequestSchema },
  /** Grants (starts a court package of redacted copies for the person) or refuses an open request, with the reason. */
  'accessRequests.decide': { request: AccessRequestDecisionSchema, response: AccessRequestSchema },
  'library.list': { request: LibraryQuerySchema, response: LibraryPageSchema },
  'library.get': { request: z.object({ id: z.number().int().positive() }).strict(), response: RecordingDetailSchema },
  'library.facets': { request: NoRequest, response: LibraryFacetsSchema },
  'library.thumbnails': { request: z.object({ clipId: z.number().int().positive() }).strict(), response: ThumbnailStripSchema.nullable() },
  'library.proxy': { request: z.object({ clipId: z.number().int().positive() }).strict(), response: ProxyStateSchema },
  'library.waveform': { request: z.object({ clipId: z.number().int().positive() }).strict(), response: WaveformPeaksSchema.nullable() },
  /** Opens a clip for viewing: audited with its justification; the answer carries the media token. */
  'player.open': { request: OpenClipRequestSchema, response: OpenedClipSchema },
  /** The media of a clip opened in this session (null while its review proxy is not ready). */
  'player.media': { request: z.object({ clipId: z.number().int().positive() }).strict(), response: ClipMediaSchema.nullable() },
  /** The live annotations of a clip opened in this session, with the session's undo state. */
  'annotations.get': { request: ClipRequestSchema, response: PackedAnnotationSetSchema },
  /** One change (a command): written with its audit entry, refused when based on an outdated version. */
  'annotations.change': { request: ChangeRequestSchema, response: PackedAnnotationUpdateSchema },
  'annotations.undo': { request: ClipRequestSchema, response: PackedAnnotationUpdateSchema },
  'annotations.redo': { request: ClipRequestSchema, response: PackedAnnotationUpdateSchema },
  /** The clip's annotations as a JSON document, or its markers as WebVTT chapters (audited as a disclosure). */
  'annotations.export': { request: ExportRequestSchema, response: AnnotationExportSchema },
  /** Adds the annotations of a JSON document made on this clip; all or nothing. */
  'annotations.import': { request: ImportRequestSchema, response: PackedAnnotationSetSchema },
  /** Queues an export (court package, training clip or still frame) into the station's export folder; audited. */
  'exports.start': { request: ExportJobRequestSchema, response: ExportJobSchema },
  /** Stops a queued or running export; what it made so far is deleted. */
  'exports.cancel': { request: ExportIdRequestSchema, response: ExportJobSchema },
  /** Past and current exports, newest first. */
  'exports.list': { request: NoRequest, response: z.array(ExportJobSchema) },
  'scan.start': { request: NoRequest, response: ScanProgressSchema },
  'scan.cancel': { request: NoRequest, response: ScanProgressSchema },
  'scan.status': { request: NoRequest, response: ScanProgressSchema },
} as const;

export const events = {
  /** The settings changed (by this or another window, or the command line). */
  'settings.changed': SettingsSchema,
  /** An entry was appended to the audit log. */
  'audit.appended': z.object({ sequence: z.number().int() }),
  /** A scan of the station drive advanced, finished or stopped. */
  'scan.progress': ScanProgressSchema,
  /** A review proxy was queued, advanced, finished or failed. */
  'proxy.progress': ProxyStateSchema,
  /** An export was queued, advanced, finished, failed or was cancelled. */
  'export.progress': ExportJobSchema,
  /** Recordings were added or changed (new clips, alarms, missing files). */
  'library.changed': z.object({ recordingIds: z.array(z.number().int()) }),
} as const;

export type MethodName = keyof typeof contract;
export type EventName = keyof typeof events;
export const methodNames = Object.keys(contract) as MethodName[];
export const eventNames = Object.keys(events) as EventName[];

export type RequestOf<M extends MethodName> = z.input<(typeof contract)[M]['request']>;
export type ParsedRequestOf<M extends MethodName> = z.output<(typeof contract)[M]['request']>;
export type ResponseOf<M extends MethodName> = z.output<(typeof contract)[M]['response']>;
export type EventOf<E extends EventName> = z.output<(typeof events)[E]>;

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}

/** IPC channel names in Electron; the browser host uses `/api/<method>` paths instead. */
export const ipcChannel = (method: MethodName): string => `revier:${method}`;
export const ipcEventChannel = 'revier:event';

type Namespace = MethodName extends `${infer N}.${string}` ? N : never;

/** The typed client shape: `api.settings.update(patch)` for the method `settings.update`. */
export type ApiClient = {
  [N in Namespace]: {
    [M in MethodName as M extends `${N}.${infer F}` ? F : never]: (
      request: RequestOf<M>,
    ) => Promise<Result<ResponseOf<M>>>;
  };
};

/** A raw transport: sends a method call, returns the untrusted answer; subscribes to events. */
export interface Transport {
  invoke(method: MethodName, request: unknown): Promise<unknown>;
  subscribe(listener: (event: EventName, payload: unknown) => void): () => void;
  /**
   * Called whenever the event stream (re)connects: events sent before that were missed, so a view
   * reloads what it shows. A transport that cannot miss events never calls it.
   */
  onConnected(listener: () => void): () => void;
}
