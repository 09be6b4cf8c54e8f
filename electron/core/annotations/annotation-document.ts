// Annotation documents (shared/annotations/document.ts) written and read. Writing drops database
// ids and row versions and puts the rows in a fixed order, so two exports of the same annotations
// differ only in exportedUtc. Reading refuses, with a message a reviewer can act on, text that is
// not JSON, not an annotation document, of a version this station cannot read, made on another
// original, or not fitting the clip (frames past its end, keyframes out of order, boxes outside
// the picture); the service then writes all rows or none. Pure: no database.
import type { AudioRedaction, Marker, Track } from '../../../shared/api/annotations.ts';
import {
  AnnotationDocumentSchema,
  documentSchemaName,
  documentSchemaVersion,
  type AnnotationDocument,
} from '../../../shared/annotations/document.ts';
import { problemsOf } from '../../../shared/tracks/interpolation.ts';
import { keyframeProblem, outsideClip } from './annotation-changes.ts';
import { quoted } from '../library/layouts/quoted.ts';
import { ServiceError } from '../service-error.ts';

/** The versions this station reads. A new version is added here with its reader; old ones stay readable. */
const readableSchemaVersions: readonly number[] = [documentSchemaVersion];

/** What a document is checked against: the original's hash, its frames and its upright picture. */
export interface DocumentClip {
  sha256: string;
  frameCount: number;
  picture: { width: number; height: number };
}

export interface ClipAnnotations {
  markers: readonly Marker[];
  tracks: readonly Track[];
  audio: readonly AudioRedaction[];
}

/** At most this many problems are named in one message. */
const SHOWN_PROBLEMS = 5;

function provenanceOf(row: Marker | Track | AudioRedaction) {
  return { author: row.author, createdUtc: row.createdUtc, updatedUtc: row.updatedUtc, deletedUtc: row.deletedUtc };
}

function byCreation(a: Marker | Track | AudioRedaction, b: Marker | Track | AudioRedaction): number {
  if (a.createdUtc !== b.createdUtc) return a.createdUtc < b.createdUtc ? -1 : 1;
  return a.id - b.id;
}

/** The order markers are listed in everywhere: by start frame, then as they were made. */
export function inFrameOrder(a: Marker, b: Marker): number {
  return a.startFrame - b.startFrame || byCreation(a, b);
}

/** A clip's annotations, deleted ones included (with deletedUtc), as a document. */
export function toDocument(
  clip: DocumentClip & { path: string },
  annotations: ClipAnnotations,
  exportedUtc: string,
): AnnotationDocument {
  return {
    schema: documentSchemaName,
    schemaVersion: documentSchemaVersion,
    exportedUtc,
    clip: { sha256: clip.sha256, path: clip.path, frameCount: clip.frameCount, picture: { width: clip.picture.width, height: clip.picture.height } },
    markers: [...annotations.markers]
      .sort(inFrameOrder)
      .map((m) => ({ startFrame: m.startFrame, endFrame: m.endFrame, category: m.category, text: m.text, statement: m.statement, ...provenanceOf(m) })),
    tracks: [...annotations.tracks].sort(byCreation).map((t) => ({
      shape: t.shape,
      method: t.method,
      blockSize: t.blockSize,
      reason: t.reason,
      note: t.note,
      keyframes: t.keyframes.map(({ frame, box, outside }) => ({ frame, box: { x: box.x, y: box.y, width: box.width, height: box.height }, outside })),
      ...provenanceOf(t),
    })),
    audio: [...annotations.audio]
      .sort(byCreation)
      .map((a) => ({ startFrame: a.startFrame, endFrame: a.endFrame, effect: a.effect, channel: a.channel, note: a.note, ...provenanceOf(a) })),
  };
}

/** A problem at a place in the document, e.g. tracks[3].keyframes[2].box.width. */
interface DocumentProblem {
  path: readonly PropertyKey[];
  message: string;
}

function pathText(path: readonly PropertyKey[]): string {
  if (path.length === 0) return 'the document';
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`)).join('');
}

function refused(message: string): ServiceError {
  return new ServiceError('invalid_request', message);
}

function refusedFor(reason: string, problems: readonly DocumentProblem[]): ServiceError {
  const shown = problems.slice(0, SHOWN_PROBLEMS).map((p) => `${pathText(p.path)}: ${p.message}`);
  if (problems.length > shown.length) shown.push(`and ${problems.length - shown.length} more`);
  return refused(`${reason}: ${shown.join('; ')}`);
}

/** 1-based line and column of a character offset. */
function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return `line ${before.split('\n').length}, column ${offset - lineStart + 1}`;
}

/**
 * Where JSON.parse stopped: the offset V8 names, else (its "Unexpected token" message names none)
 * the length of the longest prefix that is still well-formed up to its end, found by halving.
 */
function syntaxErrorOffset(text: string, error: Error): number {
  const named = /at position (\d+)/.exec(error.message);
  if (named) return Number(named[1]);
  const wellFormedUpToEnd = (length: number): boolean => {
    try {
      JSON.parse(text.slice(0, length));
      return true;
    } catch (prefixError) {
      const message = (prefixError as Error).message;
      const at = /at position (\d+)/.exec(message);
      return at ? Number(at[1]) >= length : message.startsWith('Unexpected end');
    }
  };
  let low = 0;
  let high = text.length;
  while (low < high) {
    const middle = Math.floor((low + high + 1) / 2);
    if (wellFormedUpToEnd(middle)) low = middle;
    else high = middle - 1;
  }
  return low;
}

function parseJson(text: string): unknown {
  const content = text.replace(/^\uFEFF/, '');
  if (content.trim() === '') throw refused('The annotation document is empty');
  try {
    return JSON.parse(content);
  } catch (error) {
    const reason = (error as Error).message
      .replace(/(?: in JSON)? at position.*$/s, '')
      .replace(/, (?:\.\.\.)?".*$/s, '')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001f\u007f]/g, ' ');
    throw refused(`The annotation document is not JSON: ${reason} at ${lineAndColumn(content, syntaxErrorOffset(content, error as Error))}`);
  }
}

function shownValue(value: unknown): string {
  return typeof value === 'string' ? quoted(value) : (JSON.stringify(value) ?? String(value)).slice(0, 60);
}

/** The schema name and version, checked before the fields so that a foreign file is named as such. */
function checkHeader(json: unknown): void {
  const header = typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>) : {};
  if (header.schema !== documentSchemaName) {
    const found = header.schema === undefined ? 'has no "schema"' : `has "schema" ${shownValue(header.schema)}`;
    throw refused(`Not a Revier annotation document: it ${found}, expected "${documentSchemaName}"`);
  }
  const version = header.schemaVersion;
  if (typeof version !== 'number' || !readableSchemaVersions.includes(version)) {
    const found = version === undefined ? 'has no "schemaVersion"' : `is version ${shownValue(version)}`;
    const readable = readableSchemaVersions.join(', ');
    throw refused(`Unsupported annotation document: it ${found}; this station reads version${readableSchemaVersions.length > 1 ? 's' : ''} ${readable}`);
  }
}

/** What in a well-formed document does not fit the clip. */
function misfitsOf(document: AnnotationDocument, clip: DocumentClip): DocumentProblem[] {
  const problems: DocumentProblem[] = [];
  for (const kind of ['markers', 'audio'] as const) {
    document[kind].forEach(({ startFrame, endFrame }, index) => {
      const field = startFrame >= clip.frameCount ? 'startFrame' : endFrame >= clip.frameCount ? 'endFrame' : null;
      if (field) problems.push({ path: [kind, index, field], message: outsideClip(field === 'startFrame' ? startFrame : endFrame, clip.frameCount) });
    });
  }
  document.tracks.forEach(({ keyframes }, track) => {
    for (const { code, index } of problemsOf(keyframes, clip.frameCount, clip.picture)) {
      const keyframe = keyframes[index];
      if (!keyframe) continue;
      const [field, message] = keyframeProblem(code, keyframe, keyframes[index - 1], clip);
      problems.push({ path: ['tracks', track, 'keyframes', index, field], message });
    }
  });
  return problems;
}

/** A required field that is absent is called missing, not "expected string, received undefined". */
function missingField(issue: { code?: string; input?: unknown }): string | undefined {
  return issue.input === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_value') ? 'missing' : undefined;
}

const shortHash = (sha256: string) => `${sha256.slice(0, 12)}…`;

/**
 * The document in `text`, checked against the clip it is to be imported into. Throws a ServiceError
 * (invalid_request) whose message says what is wrong and where.
 */
export function parseDocument(text: string, clip: DocumentClip): AnnotationDocument {
  const json = parseJson(text);
  checkHeader(json);
  const parsed = AnnotationDocumentSchema.safeParse(json, { error: missingField });
  if (!parsed.success) throw refusedFor('Invalid annotation document', parsed.error.issues);
  const document = parsed.data;
  if (document.clip.sha256 !== clip.sha256) {
    throw refused(`The annotation document was made on another original (SHA-256 ${shortHash(document.clip.sha256)}), not on this clip (${shortHash(clip.sha256)})`);
  }
  const misfits = misfitsOf(document, clip);
  if (misfits.length > 0) throw refusedFor('The annotation document does not fit this clip', misfits);
  return document;
}

/** Characters Windows, macOS or Linux refuse in a file name. */
// eslint-disable-next-line no-control-regex
const UNSAFE_IN_FILE_NAME = /[<>:"/\\|?*\u0000-\u001f\u007f]/g;

/** The name a download or save dialog proposes: `<clip file name>.annotations.json` or `<clip file name>.markers.vtt`. */
export function documentFileName(clip: { path: string }, format: 'json' | 'vtt'): string {
  const fileName = clip.path.split(/[\\/]/).pop() ?? '';
  const stem = fileName.replace(/\.[^.]*$/, '').replace(UNSAFE_IN_FILE_NAME, '_').trim() || 'clip';
  return format === 'json' ? `${stem}.annotations.json` : `${stem}.markers.vtt`;
}
