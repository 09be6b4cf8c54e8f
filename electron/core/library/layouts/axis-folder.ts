// The files of one Axis recording folder as the example content destination writes them: each
// object beside '<container>.<object>.metadata.json', the recording's own
// '<container>.metadata.json', bookmarks, GNSS trails, '.key' files of encrypted objects, and the
// empty 'complete' marker once the transfer is done.
import { parseAxisMetadata, type AxisMetadata } from './axis-metadata.ts';
import type { AxisContainerName } from './axis-names.ts';
import { joinPath } from './folder-listing.ts';
import type { SidecarProblem } from './recording-candidate.ts';
import { readSidecarText, sidecarProblem } from './sidecar-file.ts';

const METADATA_SUFFIX = '.metadata.json';

export interface AxisFolder {
  drive: string;
  folder: string;
  container: AxisContainerName;
  /** Regular files in the folder. */
  names: ReadonlySet<string>;
  problems: SidecarProblem[];
}

export function isGpsTrailName(name: string): boolean {
  return name.toLowerCase().endsWith('_gpstrail.json');
}

export function isBookmarkName(name: string): boolean {
  return name.startsWith('bookmark_');
}

/** The object a '<container>.<object>.metadata.json' describes ('' for the recording's own). */
function describedObject(folder: AxisFolder, name: string): string | null {
  const prefix = `${folder.container.name}.`;
  return name.startsWith(prefix) && name.endsWith(METADATA_SUFFIX) ? name.slice(prefix.length, -METADATA_SUFFIX.length) : null;
}

/** Metadata of an object, or of the recording when object is null; null when absent or unusable. */
export async function readAxisMetadata(folder: AxisFolder, object: string | null): Promise<AxisMetadata | null> {
  const name = `${folder.container.name}${object === null ? '' : `.${object}`}${METADATA_SUFFIX}`;
  if (!folder.names.has(name)) return null;
  const file = joinPath(folder.folder, name);
  const text = await readSidecarText(folder.drive, file);
  const parsed = text.ok ? parseAxisMetadata(text.value, file) : text;
  if (parsed.ok) return parsed.value;
  folder.problems.push(parsed.problem);
  return null;
}

/** Metadata files whose object is not in the folder (a clip that never arrived or was removed). */
export function orphanMetadataProblems(folder: AxisFolder): SidecarProblem[] {
  return [...folder.names]
    .map((name) => ({ name, object: describedObject(folder, name) }))
    .filter(({ object }) => object && !folder.names.has(object))
    .map(({ name, object }) => sidecarProblem(joinPath(folder.folder, name), `describes ${object}, which is not in the recording folder`));
}

/** Every file of the recording besides its clips. */
export function axisSidecars(folder: AxisFolder, clipNames: ReadonlySet<string>): string[] {
  const belongs = (name: string) =>
    describedObject(folder, name) !== null || isGpsTrailName(name) || isBookmarkName(name) || name.toLowerCase().endsWith('.key') || name === 'complete';
  return [...folder.names].filter((name) => !clipNames.has(name) && belongs(name)).sort().map((name) => joinPath(folder.folder, name));
}
