// Reading one sidecar without trusting it: opened read-only, size-capped, UTF-8 (a leading BOM is
// dropped), JSON checked against a schema. Every failure is a SidecarProblem naming the file and
// what is wrong; nothing here throws.
import { open } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import type { SidecarProblem } from './recording-candidate.ts';

/** Larger than any real sidecar: a 10-hour GPS trail at one fix per second is about 5 MB. */
export const SIDECAR_MAX_BYTES = 16 * 1024 * 1024;

export type SidecarRead<T> = { ok: true; value: T } | { ok: false; problem: SidecarProblem };

export function sidecarProblem(file: string, what: string): SidecarProblem {
  return { path: file, code: 'SIDECAR_INVALID', message: `${path.posix.basename(file)} ${what}` };
}

async function readSidecarBytes(drive: string, file: string): Promise<SidecarRead<Uint8Array>> {
  let handle;
  try {
    handle = await open(path.join(drive, file), 'r');
    const { size } = await handle.stat();
    if (size > SIDECAR_MAX_BYTES) {
      return { ok: false, problem: sidecarProblem(file, `is ${size} bytes, more than the ${SIDECAR_MAX_BYTES} a sidecar may have`) };
    }
    return { ok: true, value: await handle.readFile() };
  } catch (error) {
    return { ok: false, problem: sidecarProblem(file, `could not be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`) };
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

export async function readSidecarText(drive: string, file: string): Promise<SidecarRead<string>> {
  const bytes = await readSidecarBytes(drive, file);
  if (!bytes.ok) return bytes;
  try {
    return { ok: true, value: new TextDecoder('utf-8', { fatal: true }).decode(bytes.value) };
  } catch {
    return { ok: false, problem: sidecarProblem(file, 'is not UTF-8 text') };
  }
}

/** Zod issues as one English clause: 'recording.startUtc: Invalid input: expected string, received number'. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  const shown = issues.slice(0, 3).map((issue) => `${issue.path.length ? issue.path.join('.') : 'the top level'}: ${issue.message}`);
  if (issues.length > shown.length) shown.push(`and ${issues.length - shown.length} more`);
  return shown.join('; ');
}

export function parseSidecarJson<T>(text: string, file: string, schema: z.ZodType<T>): SidecarRead<T> {
  const content = text.replace(/^\uFEFF/, '');
  if (content.trim() === '') return { ok: false, problem: sidecarProblem(file, 'is empty') };
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch (error) {
    return { ok: false, problem: sidecarProblem(file, `is not valid JSON: ${(error as Error).message}`) };
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, problem: sidecarProblem(file, `does not have the expected content: ${describeIssues(parsed.error.issues)}`) };
}

export async function readSidecarJson<T>(drive: string, file: string, schema: z.ZodType<T>): Promise<SidecarRead<T>> {
  const text = await readSidecarText(drive, file);
  return text.ok ? parseSidecarJson(text.value, file, schema) : text;
}
