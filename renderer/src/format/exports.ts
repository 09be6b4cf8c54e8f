// How the export view shows and checks exports: the list kept current from events (a late answer
// never takes a job back to an earlier status), percent and time left of a running job, and the
// court form's fields checked before a request is sent, so that the user sees what is wrong next
// to the field. Pure, tested in Node.
import type { CourtExportRequest, ExportJob, ExportStatus } from '../../../shared/api/exports.ts';

/** Queued and running jobs can still change; the others are past exports. */
export function isActive(job: Pick<ExportJob, 'status'>): boolean {
  return job.status === 'queued' || job.status === 'running';
}

const statusRank: Record<ExportStatus, number> = { 'awaiting-approval': 0, queued: 0, running: 1, done: 2, failed: 2, cancelled: 2 };

/**
 * Whether `next` may replace `current` of the same job: events and answers can arrive out of order
 * (an answer to `exports.start` after the event that the job runs), so a job never goes back.
 */
export function supersedes(next: Pick<ExportJob, 'status'>, current: Pick<ExportJob, 'status'>): boolean {
  return statusRank[next.status] >= statusRank[current.status] && !(statusRank[current.status] === 2 && next.status !== current.status);
}

const newestFirst = (a: ExportJob, b: ExportJob): number => (a.createdUtc < b.createdUtc ? 1 : a.createdUtc > b.createdUtc ? -1 : 0);

/** The list with one job added or brought up to date, newest first. */
export function withJob(jobs: readonly ExportJob[], job: ExportJob): ExportJob[] {
  const index = jobs.findIndex((known) => known.id === job.id);
  if (index < 0) return [...jobs, job].sort(newestFirst);
  if (!supersedes(job, jobs[index]!)) return [...jobs];
  const next = [...jobs];
  next[index] = job;
  return next;
}

/** A freshly loaded list, keeping what events told since that is further along. */
export function withLoadedJobs(current: readonly ExportJob[], loaded: readonly ExportJob[]): ExportJob[] {
  const known = new Map(current.map((job) => [job.id, job]));
  return loaded
    .map((job) => {
      const seen = known.get(job.id);
      return seen && !supersedes(job, seen) ? seen : job;
    })
    .sort(newestFirst);
}

/** Running and queued jobs: the one running first, then the queue in the order it runs. */
export function activeJobs(jobs: readonly ExportJob[]): ExportJob[] {
  return jobs
    .filter(isActive)
    .sort((a, b) => statusRank[b.status] - statusRank[a.status] || (a.createdUtc < b.createdUtc ? -1 : a.createdUtc > b.createdUtc ? 1 : 0));
}

/** Whole percent done of a running job, null while it waits or has not reported yet. */
export function jobPercent(job: Pick<ExportJob, 'status' | 'progress'>): number | null {
  if (job.status !== 'running' || !job.progress) return null;
  return Math.min(100, Math.max(0, Math.floor(job.progress.fraction * 100)));
}

export type TimeLeft = { unit: 'seconds'; s: number } | { unit: 'minutes'; m: number; s: number } | { unit: 'hours'; h: number; m: number };

/**
 * Seconds left as a person says them: under a minute to the second, under an hour in minutes and
 * seconds, beyond that in hours and minutes (all rounded up: "about 1 min 20 s", never "0 s").
 */
export function timeLeft(seconds: number | null): TimeLeft | null {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return null;
  const whole = Math.max(1, Math.ceil(seconds));
  if (whole < 60) return { unit: 'seconds', s: whole };
  if (whole < 3600) return { unit: 'minutes', m: Math.floor(whole / 60), s: whole % 60 };
  const minutes = Math.ceil(whole / 60);
  return { unit: 'hours', h: Math.floor(minutes / 60), m: minutes % 60 };
}

/** Export steps the UI has words for; the core may add others, shown as they come. */
export const knownSteps = ['verify-original', 'encode', 'check', 'originals', 'stills', 'report', 'zip', 'still'] as const;
export type KnownStep = (typeof knownSteps)[number];

export function isKnownStep(step: string): step is KnownStep {
  return (knownSteps as readonly string[]).includes(step);
}

/** The export folder as the station resolves it: the setting, else `exports` in the data folder. */
export function exportFolderOf(setting: string, dataFolder: string | null): string | null {
  if (setting.trim() !== '') return setting.trim();
  if (!dataFolder) return null;
  const separator = dataFolder.includes('\\') && !dataFolder.includes('/') ? '\\' : '/';
  return `${dataFolder.replace(/[\\/]+$/, '')}${separator}exports`;
}

// The court form.

/** A clip of the court form as typed: the range fields empty for the whole clip. */
export interface CourtClipFields {
  clipId: number;
  fromFrame: string;
  toFrame: string;
}

export interface CourtFields {
  clips: CourtClipFields[];
  caseReference: string;
  recipient: string;
  legalBasis: string;
  withOriginals: boolean;
  zip: boolean;
}

export const maxCourtClips = 20;
export const caseReferenceMax = 100;
export const recipientMax = 200;
export const legalBasisMax = 500;

export type ClipRangeProblem = 'invalid' | 'incomplete' | 'order';
export type RequiredTextProblem = 'missing' | 'tooLong';

export interface CourtProblems {
  clips: 'none' | 'tooMany' | null;
  /** Per clip row, in order. */
  ranges: (ClipRangeProblem | null)[];
  caseReference: RequiredTextProblem | null;
  recipient: RequiredTextProblem | null;
  legalBasis: 'tooLong' | null;
}

const wholeFrame = /^\d{1,9}$/;

/** A clip id as typed into "add clip": a positive whole number, or null. */
export function parseClipId(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d{1,9}$/.test(trimmed)) return null;
  const id = Number(trimmed);
  return id > 0 ? id : null;
}

function rangeProblem(clip: CourtClipFields): ClipRangeProblem | null {
  const from = clip.fromFrame.trim();
  const to = clip.toFrame.trim();
  if (from === '' && to === '') return null;
  if ((from !== '' && !wholeFrame.test(from)) || (to !== '' && !wholeFrame.test(to))) return 'invalid';
  if (from === '' || to === '') return 'incomplete';
  return Number(to) < Number(from) ? 'order' : null;
}

function requiredText(text: string, max: number): RequiredTextProblem | null {
  const trimmed = text.trim();
  if (trimmed === '') return 'missing';
  return trimmed.length > max ? 'tooLong' : null;
}

export function courtProblems(fields: CourtFields): CourtProblems {
  return {
    clips: fields.clips.length === 0 ? 'none' : fields.clips.length > maxCourtClips ? 'tooMany' : null,
    ranges: fields.clips.map(rangeProblem),
    caseReference: requiredText(fields.caseReference, caseReferenceMax),
    recipient: requiredText(fields.recipient, recipientMax),
    legalBasis: fields.legalBasis.trim().length > legalBasisMax ? 'tooLong' : null,
  };
}

export function hasProblems(problems: CourtProblems): boolean {
  return problems.clips !== null || problems.ranges.some((problem) => problem !== null) || problems.caseReference !== null || problems.recipient !== null || problems.legalBasis !== null;
}

/** The request the court form asks for, or null while a field is wrong. An empty legal basis is the station's. */
export function courtRequest(fields: CourtFields): CourtExportRequest | null {
  if (hasProblems(courtProblems(fields))) return null;
  const legalBasis = fields.legalBasis.trim();
  return {
    kind: 'court',
    clips: fields.clips.map((clip) =>
      clip.fromFrame.trim() === '' ? { clipId: clip.clipId } : { clipId: clip.clipId, fromFrame: Number(clip.fromFrame.trim()), toFrame: Number(clip.toFrame.trim()) },
    ),
    caseReference: fields.caseReference.trim(),
    recipient: fields.recipient.trim(),
    ...(legalBasis === '' ? {} : { legalBasis }),
    withOriginals: fields.withOriginals,
    zip: fields.zip,
  };
}

/** The clip the player hands to the court form through the address (`?clip=4&from=10&to=50`), or null. */
export function courtClipFromQuery(query: Record<string, unknown>): CourtClipFields | null {
  const text = (value: unknown): string => (typeof value === 'string' ? value : '');
  const clipId = parseClipId(text(query.clip));
  if (clipId === null) return null;
  const from = text(query.from).trim();
  const to = text(query.to).trim();
  const range = wholeFrame.test(from) && wholeFrame.test(to) && Number(to) >= Number(from);
  return { clipId, fromFrame: range ? from : '', toFrame: range ? to : '' };
}

// The player's export dialogs.

export const justificationMin = 3;
export const justificationMax = 500;
export const blockSizeMin = 8;
export const blockSizeMax = 256;
export const defaultBlockSize = 32;

/** A justification as the core takes it: 3 to 500 characters once trimmed. */
export function justificationValid(text: string): boolean {
  const length = text.trim().length;
  return length >= justificationMin && length <= justificationMax;
}

/** An optional case reference: empty, or at most 100 characters once trimmed. */
export function optionalCaseReferenceValid(text: string): boolean {
  return text.trim().length <= caseReferenceMax;
}

/** The pixel block size of "pixelate everything", or null when it is not a whole number from 8 to 256. */
export function parseBlockSize(value: number | string): number | null {
  const number = typeof value === 'number' ? value : value.trim() === '' ? Number.NaN : Number(value);
  return Number.isInteger(number) && number >= blockSizeMin && number <= blockSizeMax ? number : null;
}
