// zod compiles fast parsers with `new Function` when it may; the renderer's CSP forbids that.
// Imported first by main.ts so that no schema runs before this switch.
import { z } from 'zod';

z.config({ jitless: true });
