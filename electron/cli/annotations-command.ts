// `revier annotations export|import`: a clip's annotations as the JSON annotation document (or its
// markers as WebVTT chapters) on standard output, and a document from a file added to a clip. The
// annotation service checks, writes and logs both; a document it refuses changes nothing.
import { readFile } from 'node:fs/promises';
import { ImportRequestSchema } from '../../shared/api/annotations.ts';
import { signedIn } from './sign-in.ts';
import { asCommandError, CommandError, openStation, type StationOptions } from './station.ts';

export interface ExportAnnotationsOptions extends StationOptions {
  clip: number;
  format: 'json' | 'vtt';
}

export interface ImportAnnotationsOptions extends StationOptions {
  clip: number;
}

const unreadable: Record<string, string> = {
  ENOENT: 'there is no such file',
  EISDIR: 'it is a folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
};

const maxDocumentChars = ImportRequestSchema.shape.document.maxLength ?? Infinity;

/** The document in `file` as text, or a CommandError naming the file and why it cannot be used. */
async function documentText(file: string): Promise<string> {
  const bytes = await readFile(file).catch((error: NodeJS.ErrnoException) => {
    throw new CommandError(`Cannot read ${file}: ${unreadable[error.code ?? ''] ?? error.message}`);
  });
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new CommandError(`Cannot read ${file}: it is not UTF-8 text`);
  }
  if (text.length > maxDocumentChars) throw new CommandError(`Cannot read ${file}: an annotation document has at most ${maxDocumentChars} characters`);
  return text;
}

const counted = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export async function exportAnnotations(options: ExportAnnotationsOptions): Promise<void> {
  const { core } = await openStation(options);
  try {
    const exported = await core.annotations.exportDocument(await signedIn(core, options), options.clip, options.format).catch(asCommandError);
    process.stdout.write(exported.content);
  } finally {
    await core.close();
  }
}

export async function importAnnotations(file: string, options: ImportAnnotationsOptions): Promise<void> {
  const text = await documentText(file);
  const { core } = await openStation(options);
  try {
    const set = await core.annotations.importDocument(await signedIn(core, options), options.clip, text).catch(asCommandError);
    console.log(
      `Imported ${file} into clip ${set.clipId}: it now has ${counted(set.markers.length, 'marker', 'markers')}, ` +
        `${counted(set.tracks.length, 'redaction track', 'redaction tracks')} and ${counted(set.audio.length, 'audio redaction', 'audio redactions')}.`,
    );
  } finally {
    await core.close();
  }
}
