// A package folder while it is being made: a hidden `.<name>.partial` folder beside where it will
// be, renamed to its name only when complete, so a cancelled or failed export never leaves a folder
// that looks like a finished package.
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';

export class PackageDraft {
  readonly folder: string;
  readonly #finalFolder: string;

  private constructor(folder: string, finalFolder: string) {
    this.folder = folder;
    this.#finalFolder = finalFolder;
  }

  /** Starts `<parent>/<name>`; a name already taken gets ` (2)`, ` (3)`, … */
  static async begin(parent: string, name: string): Promise<PackageDraft> {
    await mkdir(parent, { recursive: true });
    let finalName = name;
    for (let n = 2; await exists(path.join(parent, finalName)) || (await exists(path.join(parent, `${finalName}.zip`))); n++) finalName = `${name} (${n})`;
    const folder = path.join(parent, `.${finalName}.partial`);
    await rm(folder, { recursive: true, force: true });
    await mkdir(folder);
    return new PackageDraft(folder, path.join(parent, finalName));
  }

  /** Absolute path of a file in the package, its folders made. */
  async file(relative: string): Promise<string> {
    const file = path.join(this.folder, ...relative.split('/'));
    await mkdir(path.dirname(file), { recursive: true });
    return file;
  }

  /** Gives the complete package its name; returns its path. */
  async commit(): Promise<string> {
    await rename(this.folder, this.#finalFolder);
    return this.#finalFolder;
  }

  discard(): Promise<void> {
    return rm(this.folder, { recursive: true, force: true });
  }
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}
