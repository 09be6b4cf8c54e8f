// Names of what an export writes: readable, safe on every file system, never a path.

/** Characters a file or folder name may keep; everything else becomes `-`. */
export function safeName(text: string): string {
  return text.normalize('NFC').replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^[-.]+|-+$/g, '').slice(0, 80) || 'ohne-Angabe';
}

/** An ISO UTC time as it goes into a name: 20261128T231500Z. */
export function compactUtc(iso: string): string {
  return iso.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}
