// The audit log (Protokoll) as the contract shows it.
import { z } from 'zod';
import { ActorSchema } from './actor.ts';

/** What kind of processing an entry records (BDSG § 76 categories). */
export const auditActions = [
  'collection',
  'alteration',
  'consultation',
  'disclosure',
  'combination',
  'erasure',
] as const;
export const AuditActionSchema = z.enum(auditActions);
export type AuditAction = z.infer<typeof AuditActionSchema>;

export const AuditEntrySchema = z.object({
  sequence: z.number().int().positive(),
  /** ISO 8601 UTC time with milliseconds. */
  time: z.string(),
  actor: ActorSchema,
  action: AuditActionSchema,
  /** What the entry is about, e.g. `settings`, `clip:42`, `audit`. */
  target: z.string(),
  /** A short event name, e.g. `settings.update`. */
  event: z.string(),
  details: z.record(z.string(), z.unknown()),
  previousHash: z.string(),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

const pageFields = {
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(500).default(50),
};

/** A bound of a period: ISO 8601 date-time with `Z` or an offset. */
const TimeBoundSchema = z.iso.datetime({ offset: true });
const UserIdSchema = z.string().min(1).max(128);
const ClipIdSchema = z.number().int().positive();

/** What the data protection officer looks for in the log; each given field narrows, none: every entry. */
export const AuditFilterSchema = z
  .object({
    /** Entries about this clip (target `clip:<id>`). */
    clipId: ClipIdSchema.optional(),
    userId: UserIdSchema.optional(),
    action: AuditActionSchema.optional(),
    /** An exact event name, e.g. `player.open`. */
    event: z.string().min(1).max(100).optional(),
    /** Entries written at or after this time. */
    from: TimeBoundSchema.optional(),
    /** Entries written at or before this time. */
    to: TimeBoundSchema.optional(),
  })
  .strict();
export type AuditFilter = z.infer<typeof AuditFilterSchema>;

/** One page of the entries a filter selects, newest first. */
export const AuditQueryRequestSchema = z.object({ ...AuditFilterSchema.shape, ...pageFields }).strict();
export type AuditQueryRequest = z.input<typeof AuditQueryRequestSchema>;

/** What one report covers: one clip, one user, or one period (DOMAIN.md: one action per clip, user or period). */
export const AuditReportSubjectSchema = z.union([
  z.object({ clipId: ClipIdSchema }).strict(),
  z.object({ userId: UserIdSchema }).strict(),
  z
    .object({ from: TimeBoundSchema, to: TimeBoundSchema })
    .strict()
    .refine((period) => Date.parse(period.from) <= Date.parse(period.to), { message: 'the period must not end before it starts', path: ['to'] }),
]);
export type AuditReportSubject = z.infer<typeof AuditReportSubjectSchema>;

export const auditReportFormats = ['pdf', 'csv'] as const;
export type AuditReportFormat = (typeof auditReportFormats)[number];

export const AuditReportRequestSchema = z.object({ subject: AuditReportSubjectSchema, format: z.enum(auditReportFormats) }).strict();

/** A report made from a window, saved in the station's export folder. */
export const SavedAuditReportSchema = z.object({
  path: z.string(),
  sha256: z.string(),
  entries: z.number().int(),
});
export type SavedAuditReport = z.infer<typeof SavedAuditReportSchema>;

export const AuditPageSchema = z.object({
  entries: z.array(AuditEntrySchema),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
});
export type AuditPage = z.infer<typeof AuditPageSchema>;

/** A page the data protection officer read, with the entry that logged the reading. */
export const AuditQueryPageSchema = AuditPageSchema.extend({ loggedAs: z.number().int() });
export type AuditQueryPage = z.infer<typeof AuditQueryPageSchema>;

export const AuditVerificationSchema = z.union([
  z.object({ intact: z.literal(true), entries: z.number().int() }),
  z.object({
    intact: z.literal(false),
    entries: z.number().int(),
    /** Sequence number of the first entry that does not match the chain. */
    firstBadSequence: z.number().int(),
    /**
     * hash_mismatch: the entry differs from what was hashed; chain_broken: it does not follow its
     * predecessor; sequence_gap: entries were removed; entries_missing: entries were cut off the
     * end; anchor_mismatch: the chain no longer leads to the newest entry ever committed;
     * purge_mismatch: the record of the last purge (audit_purge) does not lead to the first kept
     * entry, or no `audit.purge` entry in the kept chain confirms it.
     */
    reason: z.enum(['hash_mismatch', 'chain_broken', 'sequence_gap', 'entries_missing', 'anchor_mismatch', 'purge_mismatch']),
  }),
]);
export type AuditVerification = z.infer<typeof AuditVerificationSchema>;
