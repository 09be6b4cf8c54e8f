// The audit chain's head, kept in a file beside the database: the newest committed entry's
// sequence number and hash. The chain alone proves every entry up to the last one stored; the
// anchor also shows when entries were cut off the end, or the whole chain was rewritten.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';

const AnchorSchema = z.object({ sequence: z.number().int().positive(), hash: z.string().regex(/^[0-9a-f]{64}$/) });
export type AuditAnchor = z.infer<typeof AnchorSchema>;

export function readAnchor(file: string): AuditAnchor | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  try {
    return AnchorSchema.parse(JSON.parse(text));
  } catch {
    throw new Error(`Audit anchor ${file} is damaged`);
  }
}

/**
 * Moves the anchor forward to `head`; never back (another process may have written a newer one).
 * A damaged anchor stays as it is, so that every verification keeps reporting it.
 */
export function advanceAnchor(file: string, head: AuditAnchor): void {
  let current: AuditAnchor | null;
  try {
    current = readAnchor(file);
  } catch (error) {
    console.error(`[revier] ${error instanceof Error ? error.message : String(error)}: not advanced`);
    return;
  }
  if (current && current.sequence >= head.sequence) return;
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(head));
  renameSync(temporary, file);
}
