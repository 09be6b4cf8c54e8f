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

export const AuditListRequestSchema = z
  .object({
    page: z.number().int().min(1).default(1),
    pageSize: z.number().int().min(1).max(500).default(50),
  })
  .strict();

export const AuditPageSchema = z.object({
  entries: z.array(AuditEntrySchema),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
});
export type AuditPage = z.infer<typeof AuditPageSchema>;

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
     * end; anchor_mismatch: the chain no longer leads to the newest entry ever committed.
     */
    reason: z.enum(['hash_mismatch', 'chain_broken', 'sequence_gap', 'entries_missing', 'anchor_mismatch']),
  }),
]);
export type AuditVerification = z.infer<typeof AuditVerificationSchema>;
