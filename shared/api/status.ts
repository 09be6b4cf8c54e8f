// What the status panel shows: is this station working, and is it offline.
import { z } from 'zod';

export const ToolVersionSchema = z.object({
  path: z.string(),
  version: z.string(),
});

export const AppStatusSchema = z.object({
  version: z.string(),
  host: z.enum(['electron', 'browser', 'cli']),
  stationDrive: z.object({
    path: z.string(),
    configured: z.boolean(),
    mounted: z.boolean(),
    readable: z.boolean(),
  }),
  dataFolder: z.string(),
  ffmpeg: ToolVersionSchema.nullable(),
  ffprobe: ToolVersionSchema.nullable(),
  database: z.object({
    schemaVersion: z.string(),
    migrations: z.number().int(),
  }),
  offline: z.object({
    /** True when this host makes and accepts no connection beyond the local machine. */
    enforced: z.boolean(),
    /** How it is enforced, as shown to the user. */
    mechanism: z.string(),
  }),
});
export type AppStatus = z.infer<typeof AppStatusSchema>;
