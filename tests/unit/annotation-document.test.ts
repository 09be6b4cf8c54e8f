// The annotation document: what an export writes (no ids, fixed order, deleted rows kept), that
// reading it back gives the same document, the specific message for every kind of bad file, and
// that the committed JSON Schema is the one generated from the zod definition.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { annotationSchemaFile, annotationSchemaText } from '../../build/annotation-schema.ts';
import { documentFileName, parseDocument, toDocument } from '../../electron/core/annotations/annotation-document.ts';
import { ServiceError } from '../../electron/core/service-error.ts';
import type { AudioRedaction, Marker, Track } from '../../shared/api/annotations.ts';
import type { AnnotationDocument } from '../../shared/annotations/document.ts';

const sha256 = `3fa2b1c4d5e6${'0'.repeat(52)}`;
const otherSha256 = `9e8d7c6b5a41${'f'.repeat(52)}`;
const clip = { sha256, path: 'Axis/2024-05-01/AXON_0042.mp4', frameCount: 300, picture: { width: 1280, height: 720 } };
const exportedUtc = '2024-05-03T09:15:00.000Z';

const record = (id: number, createdUtc: string, deletedUtc: string | null = null) => ({
  id,
  version: 4,
  author: 'kommissarin.weber',
  createdUtc,
  updatedUtc: '2024-05-02T10:00:00.000Z',
  deletedUtc,
});

const markers: Marker[] = [
  { startFrame: 120, endFrame: 150, category: 'Widerstand', text: 'Person reißt sich los', statement: 'fact', ...record(7, '2024-05-01T12:00:00.000Z') },
  { startFrame: 30, endFrame: 30, category: 'Beleidigung', text: 'Zuruf', statement: 'fact', ...record(9, '2024-05-01T12:05:00.000Z') },
  { startFrame: 30, endFrame: 60, category: 'Entlastend', text: 'Hände sichtbar leer', statement: 'assessment', ...record(3, '2024-05-01T11:00:00.000Z', '2024-05-02T08:00:00.000Z') },
];
const tracks: Track[] = [
  {
    shape: 'ellipse',
    method: 'pixelate',
    blockSize: 16,
    reason: 'bystander',
    note: 'Passantin links',
    keyframes: [
      { frame: 10, box: { x: 100, y: 50, width: 80, height: 120 }, outside: false },
      { frame: 40, box: { x: 140.5, y: 60, width: 80, height: 120 }, outside: false },
      { frame: 70, box: { x: 140.5, y: 60, width: 80, height: 120 }, outside: true },
    ],
    ...record(5, '2024-05-01T13:00:00.000Z'),
  },
  {
    shape: 'rectangle',
    method: 'fill',
    blockSize: 16,
    reason: 'licence_plate',
    note: '',
    keyframes: [{ frame: 0, box: { x: 1000, y: 600, width: 200, height: 60 }, outside: false }],
    ...record(2, '2024-05-01T10:00:00.000Z'),
  },
];
const audio: AudioRedaction[] = [
  { startFrame: 200, endFrame: 260, effect: 'bleep', channel: null, note: 'Name eines Zeugen', ...record(4, '2024-05-01T14:00:00.000Z') },
  { startFrame: 5, endFrame: 9, effect: 'mute', channel: 1, note: '', ...record(1, '2024-05-01T09:00:00.000Z') },
];

const provenance = (createdUtc: string, deletedUtc: string | null = null) => ({ author: 'kommissarin.weber', createdUtc, updatedUtc: '2024-05-02T10:00:00.000Z', deletedUtc });

const expectedDocument: AnnotationDocument = {
  schema: 'revier.annotations',
  schemaVersion: 1,
  exportedUtc,
  clip: { sha256, path: 'Axis/2024-05-01/AXON_0042.mp4', frameCount: 300, picture: { width: 1280, height: 720 } },
  markers: [
    { startFrame: 30, endFrame: 60, category: 'Entlastend', text: 'Hände sichtbar leer', statement: 'assessment', ...provenance('2024-05-01T11:00:00.000Z', '2024-05-02T08:00:00.000Z') },
    { startFrame: 30, endFrame: 30, category: 'Beleidigung', text: 'Zuruf', statement: 'fact', ...provenance('2024-05-01T12:05:00.000Z') },
    { startFrame: 120, endFrame: 150, category: 'Widerstand', text: 'Person reißt sich los', statement: 'fact', ...provenance('2024-05-01T12:00:00.000Z') },
  ],
  tracks: [
    {
      shape: 'rectangle',
      method: 'fill',
      blockSize: 16,
      reason: 'licence_plate',
      note: '',
      keyframes: [{ frame: 0, box: { x: 1000, y: 600, width: 200, height: 60 }, outside: false }],
      ...provenance('2024-05-01T10:00:00.000Z'),
    },
    {
      shape: 'ellipse',
      method: 'pixelate',
      blockSize: 16,
      reason: 'bystander',
      note: 'Passantin links',
      keyframes: [
        { frame: 10, box: { x: 100, y: 50, width: 80, height: 120 }, outside: false },
        { frame: 40, box: { x: 140.5, y: 60, width: 80, height: 120 }, outside: false },
        { frame: 70, box: { x: 140.5, y: 60, width: 80, height: 120 }, outside: true },
      ],
      ...provenance('2024-05-01T13:00:00.000Z'),
    },
  ],
  audio: [
    { startFrame: 5, endFrame: 9, effect: 'mute', channel: 1, note: '', ...provenance('2024-05-01T09:00:00.000Z') },
    { startFrame: 200, endFrame: 260, effect: 'bleep', channel: null, note: 'Name eines Zeugen', ...provenance('2024-05-01T14:00:00.000Z') },
  ],
};

/** A value set at a place in the document; undefined leaves the field out. */
type Edit = [place: (string | number)[], value: unknown];

/** The valid document as JSON text, with the edits made to a copy of it. */
function documentText(...edits: Edit[]): string {
  const document: unknown = structuredClone(expectedDocument);
  for (const [place, value] of edits) {
    const parent = place.slice(0, -1).reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], document);
    (parent as Record<string | number, unknown>)[place[place.length - 1] ?? ''] = value;
  }
  return JSON.stringify(document, null, 2);
}

/** The error parseDocument throws for `text`, as code and message. */
function refusal(text: string): { code: string; message: string } {
  try {
    parseDocument(text, clip);
  } catch (error) {
    if (error instanceof ServiceError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('parseDocument accepted the document');
}

describe('toDocument', () => {
  it('writes rows without ids and versions, markers by start frame then creation, tracks and audio by creation, deleted rows kept', () => {
    expect(toDocument(clip, { markers, tracks, audio }, exportedUtc)).toEqual(expectedDocument);
  });

  it('orders rows made at the same time by id, so two exports give the same text', () => {
    const twin = { ...markers[1]!, id: 2, text: 'Zuruf, zweiter' };
    const written = toDocument(clip, { markers: [markers[1]!, twin], tracks: [], audio: [] }, exportedUtc);
    expect(written.markers.map((m) => m.text)).toEqual(['Zuruf, zweiter', 'Zuruf']);
  });

  it('leaves out fields a row has beyond the contract', () => {
    const row = { ...markers[0]!, clipId: 12, setId: 4 } as Marker;
    expect(Object.keys(toDocument(clip, { markers: [row], tracks: [], audio: [] }, exportedUtc).markers[0]!)).toEqual([
      'startFrame', 'endFrame', 'category', 'text', 'statement', 'author', 'createdUtc', 'updatedUtc', 'deletedUtc',
    ]);
  });
});

describe('parseDocument', () => {
  it('reads back what toDocument wrote', () => {
    const text = JSON.stringify(toDocument(clip, { markers, tracks, audio }, exportedUtc), null, 2);
    expect(parseDocument(text, clip)).toEqual(expectedDocument);
  });

  it('reads an empty document and one saved with a byte order mark', () => {
    const empty = documentText([['markers'], []], [['tracks'], []], [['audio'], []]);
    expect(parseDocument(empty, clip)).toMatchObject({ markers: [], tracks: [], audio: [] });
    expect(parseDocument(`\uFEFF${documentText()}`, clip)).toEqual(expectedDocument);
  });

  it('goes by the hash: the clip\'s path, frame count and picture in the document are for people', () => {
    const moved = documentText([['clip', 'path'], 'elsewhere/renamed.mp4'], [['clip', 'frameCount'], 999]);
    expect(parseDocument(moved, clip).clip.path).toBe('elsewhere/renamed.mp4');
  });

  it.each([
    ['an empty file', '  \n', 'The annotation document is empty'],
    [
      'a syntax error V8 places',
      '{\n  "schema": "revier.annotations",\n  "schemaVersion": 1,,\n}',
      "The annotation document is not JSON: Expected double-quoted property name at line 3, column 22",
    ],
    ['a missing comma', '{\n  "schema": "revier.annotations"\n  "schemaVersion": 1\n}', "The annotation document is not JSON: Expected ',' or '}' after property value at line 3, column 3"],
    ['a bad literal', '{"markers": [tru]}', "The annotation document is not JSON: Unexpected token ']' at line 1, column 17"],
    ['a web page', `<!DOCTYPE html>\n<html>${'x'.repeat(200)}</html>`, "The annotation document is not JSON: Unexpected token '<' at line 1, column 1"],
    ['a truncated file', documentText().slice(0, 40), 'The annotation document is not JSON: Unterminated string at line 3, column 5'],
    ['text after the document', `${documentText()}\n}`, `The annotation document is not JSON: Unexpected non-whitespace character after JSON at line ${documentText().split('\n').length + 1}, column 1`],
  ])('refuses %s, naming the place', (_case, text, message) => {
    expect(refusal(text)).toEqual({ code: 'invalid_request', message });
  });

  it.each([
    ['a JSON list', '[]', 'Not a Revier annotation document: it has no "schema", expected "revier.annotations"'],
    ['another schema', documentText([['schema'], 'cvat.annotations']), 'Not a Revier annotation document: it has "schema" "cvat.annotations", expected "revier.annotations"'],
    ['a newer version', documentText([['schemaVersion'], 2]), 'Unsupported annotation document: it is version 2; this station reads version 1'],
    ['a version given as text', documentText([['schemaVersion'], '1']), 'Unsupported annotation document: it is version "1"; this station reads version 1'],
    ['no version', documentText([['schemaVersion'], undefined]), 'Unsupported annotation document: it has no "schemaVersion"; this station reads version 1'],
  ])('refuses %s before looking at the fields', (_case, text, message) => {
    expect(refusal(text)).toEqual({ code: 'invalid_request', message });
  });

  it.each<[string, Edit[], string]>([
    ['an empty box', [[['tracks', 1, 'keyframes', 2, 'box', 'width'], 0]], 'tracks[1].keyframes[2].box.width: Too small: expected number to be >0'],
    ['a missing field', [[['markers', 0, 'statement'], undefined]], 'markers[0].statement: missing'],
    ['an unknown statement', [[['markers', 2, 'statement'], 'opinion']], 'markers[2].statement: Invalid option: expected one of "fact"|"assessment"'],
    ['a database id', [[['audio', 1, 'id'], 4]], 'audio[1]: Unrecognized key: "id"'],
    ['a range ending before its start', [[['audio', 0, 'endFrame'], 4]], 'audio[0].endFrame: endFrame must not be before startFrame'],
    ['a local time', [[['exportedUtc'], '2024-05-03 11:15']], 'exportedUtc: Invalid ISO datetime'],
    ['an unknown top-level field', [[['comment'], 'hi']], 'the document: Unrecognized key: "comment"'],
  ])('refuses %s, naming the field', (_case, edits, problem) => {
    expect(refusal(documentText(...edits))).toEqual({ code: 'invalid_request', message: `Invalid annotation document: ${problem}` });
  });

  it('names the first five field problems and counts the rest', () => {
    const text = documentText(
      [['markers', 0, 'startFrame'], -1],
      [['markers', 1, 'startFrame'], -1],
      [['markers', 2, 'startFrame'], -1],
      [['audio', 0, 'channel'], 9],
      [['audio', 1, 'channel'], 9],
      [['tracks', 0, 'blockSize'], 2],
    );
    expect(refusal(text).message).toBe(
      'Invalid annotation document: markers[0].startFrame: Too small: expected number to be >=0; markers[1].startFrame: Too small: expected number to be >=0; ' +
        'markers[2].startFrame: Too small: expected number to be >=0; tracks[0].blockSize: Too small: expected number to be >=4; ' +
        'audio[0].channel: Too big: expected number to be <=7; and 1 more',
    );
  });

  it('refuses a document of another original, naming both hashes', () => {
    expect(refusal(documentText([['clip', 'sha256'], otherSha256]))).toEqual({
      code: 'invalid_request',
      message: 'The annotation document was made on another original (SHA-256 9e8d7c6b5a41…), not on this clip (3fa2b1c4d5e6…)',
    });
  });

  it.each<[string, Edit[], string]>([
    ['a marker past the last frame', [[['markers', 2, 'endFrame'], 300]], 'markers[2].endFrame: frame 300 is outside the clip (frames 0 to 299)'],
    ['an audio redaction after the clip', [[['audio', 1, 'startFrame'], 400], [['audio', 1, 'endFrame'], 410]], 'audio[1].startFrame: frame 400 is outside the clip (frames 0 to 299)'],
    ['a keyframe after the clip', [[['tracks', 1, 'keyframes', 2, 'frame'], 320]], 'tracks[1].keyframes[2].frame: frame 320 is outside the clip (frames 0 to 299)'],
    [
      'two keyframes on one frame',
      [[['tracks', 1, 'keyframes', 1, 'frame'], 10]],
      'tracks[1].keyframes[1].frame: a second keyframe on frame 10; a track has one keyframe per frame',
    ],
    [
      'keyframes out of order',
      [[['tracks', 1, 'keyframes', 2, 'frame'], 25]],
      'tracks[1].keyframes[2].frame: frame 25 follows frame 40; keyframes must be in ascending frame order',
    ],
    [
      'a box past the right edge',
      [[['tracks', 0, 'keyframes', 0, 'box', 'x'], 1100]],
      'tracks[0].keyframes[0].box: box x 1100, y 600, 200 × 60 reaches outside the picture (1280 × 720)',
    ],
    [
      'a hidden keyframe\'s box below the picture',
      [[['tracks', 1, 'keyframes', 2, 'box', 'y'], 650.5]],
      'tracks[1].keyframes[2].box: box x 140.5, y 650.5, 80 × 120 reaches outside the picture (1280 × 720)',
    ],
  ])('refuses %s', (_case, edits, problem) => {
    expect(refusal(documentText(...edits))).toEqual({ code: 'invalid_request', message: `The annotation document does not fit this clip: ${problem}` });
  });

  it('names every misfit of a clip without frames', () => {
    expect(() => parseDocument(documentText(), { ...clip, frameCount: 0 })).toThrow(
      'The annotation document does not fit this clip: markers[0].startFrame: frame 30 is outside the clip, which has no frames; ' +
        'markers[1].startFrame: frame 30 is outside the clip, which has no frames; markers[2].startFrame: frame 120 is outside the clip, which has no frames; ' +
        'audio[0].startFrame: frame 5 is outside the clip, which has no frames; audio[1].startFrame: frame 200 is outside the clip, which has no frames; and 4 more',
    );
  });
});

describe('documentFileName', () => {
  it.each([
    ['Axis/2024-05-01/AXON_0042.mp4', 'json', 'AXON_0042.annotations.json'],
    ['Axis/2024-05-01/AXON_0042.mp4', 'vtt', 'AXON_0042.markers.vtt'],
    ['DCIM\\100MEDIA\\FILE0001.MOV', 'json', 'FILE0001.annotations.json'],
    ['Motorola/2024.05.01 clip: 1?.mkv', 'vtt', '2024.05.01 clip_ 1_.markers.vtt'],
    ['', 'json', 'clip.annotations.json'],
  ] as const)('%s as %s is %s', (clipPath, format, name) => {
    expect(documentFileName({ path: clipPath }, format)).toBe(name);
  });
});

describe('annotations.schema.json', () => {
  it('is the schema generated from shared/annotations/document.ts', () => {
    const committed = readFileSync(annotationSchemaFile, 'utf8');
    expect(committed, 'shared/annotations/annotations.schema.json is out of date: run `npm run schema:annotations` (node build/annotation-schema.ts --write)').toBe(annotationSchemaText());
  });

  it('names the format version and refuses unknown fields', () => {
    const schema = JSON.parse(annotationSchemaText());
    expect(schema).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: 'https://revier.invalid/schemas/annotations-v1.json',
      additionalProperties: false,
      properties: { schema: { const: 'revier.annotations' }, schemaVersion: { const: 1 } },
    });
    expect(schema.properties.tracks.items.properties.keyframes.items.properties.box.additionalProperties).toBe(false);
  });
});
