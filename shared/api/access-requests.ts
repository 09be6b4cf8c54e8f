// Access requests of data subjects (Auskunftsersuchen, Art. 14 RL (EU) 2016/680, § 57 BDSG) as the
// contract shows them: a person asks to see footage of themselves; the station records the
// request with the recordings found in the window they name, and a supervisor grants it (a court
// package of redacted copies, third parties masked, never the originals) or refuses it with a
// reason. DOMAIN.md: "the station must produce a copy with third parties redacted, and record the
// decision".
import { z } from 'zod';
import { ReasonTextSchema } from './approvals.ts';
import { CaseReferenceSchema } from './exports.ts';
import { CalendarDateSchema } from './retention.ts';

export const accessRequestStatuses = ['open', 'granted', 'refused'] as const;
export const AccessRequestStatusSchema = z.enum(accessRequestStatuses);
export type AccessRequestStatus = z.infer<typeof AccessRequestStatusSchema>;

/** Who receives a granted request's copy, as the export and its manifest name them. */
export const SUBJECT_RECIPIENT_PREFIX = 'Betroffene Person (Auskunft nach Art. 14 RL (EU) 2016/680 / § 57 BDSG)';
/** The legal basis a granted request's package names. */
export const SUBJECT_ACCESS_LEGAL_BASIS = '§ 57 BDSG (Auskunftsrecht der betroffenen Person)';

const clipId = z.number().int().positive();
const Instant = z.iso.datetime({ offset: true });
/** Empty: no filter. */
const optionalFilter = z.string().trim().max(100).optional();

/** A recording found for a request; `path` null when the clip has been deleted since. */
export const AccessRequestClipSchema = z.object({
  clipId,
  path: z.string().nullable(),
  officer: z.string().nullable(),
  device: z.string().nullable(),
  startUtc: z.string().nullable(),
  endUtc: z.string().nullable(),
});
export type AccessRequestClip = z.infer<typeof AccessRequestClipSchema>;

export const AccessRequestSchema = z.object({
  id: z.number().int().positive(),
  /** Aktenzeichen or Vorgangsnummer of the request. */
  reference: z.string(),
  /** Who asks, as they describe themselves (name, contact). */
  subjectDescription: z.string(),
  /** YYYY-MM-DD. */
  receivedDate: z.string(),
  windowFromUtc: z.string(),
  windowToUtc: z.string(),
  officer: z.string().nullable(),
  device: z.string().nullable(),
  /** The recordings found when the request was recorded. */
  clips: z.array(AccessRequestClipSchema),
  status: AccessRequestStatusSchema,
  decisionReason: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedUtc: z.string().nullable(),
  /** The court package of the redacted copies (granted requests). */
  exportId: z.string().nullable(),
  createdBy: z.string(),
  createdUtc: z.string(),
});
export type AccessRequest = z.infer<typeof AccessRequestSchema>;

/** A new request: the window and filters find the clips whose recording overlaps it. */
export const NewAccessRequestSchema = z
  .object({
    reference: CaseReferenceSchema,
    subjectDescription: z.string().trim().min(1).max(2000),
    receivedDate: CalendarDateSchema,
    windowFromUtc: Instant,
    windowToUtc: Instant,
    officer: optionalFilter,
    device: optionalFilter,
  })
  .strict()
  .refine((request) => Date.parse(request.windowFromUtc) <= Date.parse(request.windowToUtc), { message: 'the window must not end before it starts', path: ['windowToUtc'] });
export type NewAccessRequest = z.infer<typeof NewAccessRequestSchema>;

/** Grants (exports redacted copies of the chosen clips, all found ones by default) or refuses a request. */
export const AccessRequestDecisionSchema = z
  .object({
    id: z.number().int().positive(),
    decision: z.enum(['granted', 'refused']),
    reason: ReasonTextSchema,
    clipIds: z.array(clipId).min(1).max(20).optional(),
  })
  .strict();
export type AccessRequestDecision = z.infer<typeof AccessRequestDecisionSchema>;
