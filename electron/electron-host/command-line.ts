// The host's own command-line option, `--data DIR` (or `--data=DIR`). Chromium's switches and
// Electron's app path may stand around it, so unknown options and positionals are ignored.
import { parseArgs } from 'node:util';

export function dataFolderArgument(argv: readonly string[]): string | undefined {
  const { values } = parseArgs({
    args: argv.slice(1),
    options: { data: { type: 'string' } },
    strict: false,
    allowPositionals: true,
  });
  return typeof values.data === 'string' ? values.data : undefined;
}
