// The Motorola '.json' sidecar: device, officer, UTC start/end (with the pre-record), trigger
// time and reason, pre-record length and whether it has sound. Times must be RFC 3339 with a zone,
// and must fit together: start <= trigger <= end, pre-record within start .. trigger.
import { z } from 'zod';
import { quoted } from './quoted.ts';
import { parseRfc3339 } from './utc-time.ts';

const utcTime = z.string().transform((text, ctx) => {
  const time = parseRfc3339(text);
  if (time.ok) return { ms: time.ms, raw: text };
  ctx.addIssue({ code: 'custom', message: `${quoted(text)} ${time.reason}` });
  return z.NEVER;
});

export const motorolaSidecarSchema = z.object({
  device: z.object({ serial: z.string().min(1) }),
  officer: z.object({ id: z.string().min(1) }),
  recording: z
    .object({
      startUtc: utcTime,
      endUtc: utcTime,
      triggerUtc: utcTime,
      triggerReason: z.string(),
      preRecordSeconds: z.number().min(0),
      preRecordAudio: z.boolean(),
    })
    .superRefine((r, ctx) => {
      const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
      if (r.endUtc.ms < r.startUtc.ms) issue('endUtc', 'ends before startUtc');
      else if (r.triggerUtc.ms < r.startUtc.ms || r.triggerUtc.ms > r.endUtc.ms) issue('triggerUtc', 'lies outside startUtc .. endUtc');
      else if (r.preRecordSeconds * 1000 > r.triggerUtc.ms - r.startUtc.ms + 1000) issue('preRecordSeconds', `${r.preRecordSeconds} s is longer than startUtc .. triggerUtc`);
    }),
});

export type MotorolaSidecar = z.infer<typeof motorolaSidecarSchema>;
