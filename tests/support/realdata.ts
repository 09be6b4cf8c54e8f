// The real camera files of ../shared/realdata (beside the checkout, as in CI), read-only.
import { fileURLToPath } from 'node:url';

export const realdataFolder = fileURLToPath(new URL('../../../shared/realdata/', import.meta.url));
