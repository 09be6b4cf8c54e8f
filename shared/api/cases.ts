// Cases (Vorgänge) as the contract shows them: a case reference (Aktenzeichen) with its title,
// the investigators who work on it and the clips filed under it. An investigator sees the clips
// of their cases; supervisors create cases and file clips and people under them.
import { z } from 'zod';
import { UsernameSchema } from './accounts.ts';

/** An Aktenzeichen, e.g. `1 Js 4711/24`: kept as typed, without surrounding blanks. */
export const CaseReferenceSchema = z.string().trim().min(1, 'the case reference must not be empty').max(120, 'at most 120 characters');
const CaseTitleSchema = z.string().trim().min(1, 'the title must not be empty').max(200, 'at most 200 characters');
const ClipIdSchema = z.number().int().positive();

/** Someone who can work on a case: an active investigator or supervisor. */
export const CasePersonSchema = z.object({ username: z.string(), displayName: z.string() });
export type CasePerson = z.infer<typeof CasePersonSchema>;

/** A clip filed under a case, with the facts that identify it (no picture, no sound). */
export const CaseClipSchema = z.object({
  clipId: z.number().int(),
  recordingId: z.number().int(),
  path: z.string(),
  recordingStartUtc: z.string().nullable(),
  officer: z.string().nullable(),
  device: z.string().nullable(),
  addedUtc: z.string(),
  addedBy: z.string(),
});
export type CaseClip = z.infer<typeof CaseClipSchema>;

export const CaseFileSchema = z.object({
  reference: z.string(),
  title: z.string(),
  createdUtc: z.string(),
  createdBy: z.string(),
  members: z.array(CasePersonSchema),
  clips: z.array(CaseClipSchema),
});
export type CaseFile = z.infer<typeof CaseFileSchema>;

export const NewCaseSchema = z.object({ reference: CaseReferenceSchema, title: CaseTitleSchema }).strict();
export type NewCase = z.infer<typeof NewCaseSchema>;

export const CaseClipRequestSchema = z.object({ reference: CaseReferenceSchema, clipId: ClipIdSchema }).strict();

export const CaseMembersRequestSchema = z
  .object({
    reference: CaseReferenceSchema,
    /** Everyone who works on the case afterwards; an empty list leaves it to supervisors. */
    usernames: z.array(UsernameSchema).max(200),
  })
  .strict();
