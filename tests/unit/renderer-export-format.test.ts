// The export view's pure helpers: the job list kept current from events that may come out of
// order, percent and time left, the court form's checks and request, and the player's address.
import { describe, expect, it } from 'vitest';
import type { ExportJob } from '../../shared/api/exports.ts';
import { CourtExportRequestSchema } from '../../shared/api/exports.ts';
import {
  activeJobs,
  courtClipFromQuery,
  courtProblems,
  courtRequest,
  exportFolderOf,
  jobPercent,
  justificationValid,
  parseBlockSize,
  parseClipId,
  timeLeft,
  withJob,
  withLoadedJobs,
  type CourtFields,
} from '../../renderer/src/format/exports.ts';

function job(id: string, status: ExportJob['status'], createdUtc: string, extra: Partial<ExportJob> = {}): ExportJob {
  return {
    id,
    kind: 'still',
    status,
    createdUtc,
    finishedUtc: null,
    userId: 'local',
    caseReference: null,
    recipient: null,
    clipIds: [1],
    output: null,
    sha256: null,
    files: [],
    progress: null,
    error: null,
    ...extra,
  };
}

describe('the export list', () => {
  it('adds a new job in newest-first order', () => {
    const older = job('a', 'done', '2026-01-01T10:00:00.000Z');
    const newer = job('b', 'queued', '2026-01-01T11:00:00.000Z');
    expect(withJob([older], newer).map((j) => j.id)).toEqual(['b', 'a']);
  });

  it('never takes a job back: a late "queued" answer after "running" and "done" events is ignored', () => {
    const running = job('a', 'running', '2026-01-01T10:00:00.000Z');
    const done = job('a', 'done', '2026-01-01T10:00:00.000Z', { output: '/x.png' });
    expect(withJob([running], job('a', 'queued', '2026-01-01T10:00:00.000Z'))[0]!.status).toBe('running');
    expect(withJob([done], job('a', 'running', '2026-01-01T10:00:00.000Z'))[0]!.status).toBe('done');
    expect(withJob([done], job('a', 'cancelled', '2026-01-01T10:00:00.000Z'))[0]!.status).toBe('done');
    expect(withJob([running], done)[0]!.output).toBe('/x.png');
  });

  it('keeps progress of a running job current', () => {
    const progress = { step: 'encode', clipId: 1, fraction: 0.5, framesDone: 5, framesTotal: 10, secondsLeft: 3 };
    const next = withJob([job('a', 'running', '2026-01-01T10:00:00.000Z')], job('a', 'running', '2026-01-01T10:00:00.000Z', { progress }));
    expect(next[0]!.progress).toEqual(progress);
  });

  it('a loaded list keeps what events told since', () => {
    const current = [job('a', 'done', '2026-01-01T10:00:00.000Z')];
    const loaded = [job('b', 'queued', '2026-01-01T11:00:00.000Z'), job('a', 'running', '2026-01-01T10:00:00.000Z')];
    expect(withLoadedJobs(current, loaded).map((j) => `${j.id}:${j.status}`)).toEqual(['b:queued', 'a:done']);
  });

  it('lists the running job first, then the queue in the order it runs', () => {
    const jobs = [job('c', 'queued', '2026-01-01T12:00:00.000Z'), job('b', 'queued', '2026-01-01T11:00:00.000Z'), job('a', 'running', '2026-01-01T10:00:00.000Z'), job('z', 'done', '2026-01-01T09:00:00.000Z')];
    expect(activeJobs(jobs).map((j) => j.id)).toEqual(['a', 'b', 'c']);
  });
});

describe('progress', () => {
  it('is a whole percent while running, none while queued', () => {
    expect(jobPercent(job('a', 'running', '', { progress: { step: 'encode', clipId: 1, fraction: 0.379, framesDone: 0, framesTotal: 0, secondsLeft: null } }))).toBe(37);
    expect(jobPercent(job('a', 'queued', ''))).toBeNull();
    expect(jobPercent(job('a', 'running', ''))).toBeNull();
  });

  it.each([
    [null, null],
    [0.2, { unit: 'seconds', s: 1 }],
    [44.1, { unit: 'seconds', s: 45 }],
    [60, { unit: 'minutes', m: 1, s: 0 }],
    [79.5, { unit: 'minutes', m: 1, s: 20 }],
    [3599, { unit: 'minutes', m: 59, s: 59 }],
    [3600, { unit: 'hours', h: 1, m: 0 }],
    [3661, { unit: 'hours', h: 1, m: 2 }],
  ])('says %s seconds left as %j', (seconds, expected) => {
    expect(timeLeft(seconds)).toEqual(expected);
  });
});

describe('the court form', () => {
  const fields = (overrides: Partial<CourtFields> = {}): CourtFields => ({
    clips: [{ clipId: 4, fromFrame: '', toFrame: '' }],
    caseReference: ' 4711 Js 123/24 ',
    recipient: 'StA Stuttgart',
    legalBasis: '',
    withOriginals: true,
    zip: false,
    ...overrides,
  });

  it('makes a request the contract accepts, without a legal basis when left empty', () => {
    const request = courtRequest(fields({ clips: [{ clipId: 4, fromFrame: '10', toFrame: '50' }, { clipId: 5, fromFrame: '', toFrame: '' }] }));
    expect(request).toEqual({
      kind: 'court',
      clips: [{ clipId: 4, fromFrame: 10, toFrame: 50 }, { clipId: 5 }],
      caseReference: '4711 Js 123/24',
      recipient: 'StA Stuttgart',
      withOriginals: true,
      zip: false,
    });
    expect(CourtExportRequestSchema.safeParse(request).success).toBe(true);
    expect(courtRequest(fields({ legalBasis: ' § 163 StPO ' }))?.legalBasis).toBe('§ 163 StPO');
  });

  it('names what is wrong with each field', () => {
    const problems = courtProblems(
      fields({
        clips: [
          { clipId: 4, fromFrame: '10', toFrame: '' },
          { clipId: 4, fromFrame: '50', toFrame: '10' },
          { clipId: 4, fromFrame: '-1', toFrame: '3' },
          { clipId: 4, fromFrame: '0', toFrame: '0' },
        ],
        caseReference: '  ',
        recipient: 'x'.repeat(201),
        legalBasis: 'y'.repeat(501),
      }),
    );
    expect(problems).toEqual({ clips: null, ranges: ['incomplete', 'order', 'invalid', null], caseReference: 'missing', recipient: 'tooLong', legalBasis: 'tooLong' });
    expect(courtProblems(fields({ clips: [] })).clips).toBe('none');
    expect(courtRequest(fields({ clips: [] }))).toBeNull();
  });

  it('reads clip numbers and the player address', () => {
    expect(parseClipId(' 12 ')).toBe(12);
    expect(parseClipId('0')).toBeNull();
    expect(parseClipId('1.5')).toBeNull();
    expect(courtClipFromQuery({ clip: '4', from: '10', to: '50' })).toEqual({ clipId: 4, fromFrame: '10', toFrame: '50' });
    expect(courtClipFromQuery({ clip: '4', from: '50', to: '10' })).toEqual({ clipId: 4, fromFrame: '', toFrame: '' });
    expect(courtClipFromQuery({ clip: '4' })).toEqual({ clipId: 4, fromFrame: '', toFrame: '' });
    expect(courtClipFromQuery({})).toBeNull();
  });
});

describe('the player dialogs and the export folder', () => {
  it('checks justification and block size as the core does', () => {
    expect(justificationValid('  ab ')).toBe(false);
    expect(justificationValid('Az. 1')).toBe(true);
    expect(justificationValid('x'.repeat(501))).toBe(false);
    expect(parseBlockSize(32)).toBe(32);
    expect(parseBlockSize('7')).toBeNull();
    expect(parseBlockSize('256')).toBe(256);
    expect(parseBlockSize('')).toBeNull();
  });

  it('shows the export folder the station uses', () => {
    expect(exportFolderOf('', '/var/lib/revier')).toBe('/var/lib/revier/exports');
    expect(exportFolderOf('', '/var/lib/revier/')).toBe('/var/lib/revier/exports');
    expect(exportFolderOf(' /srv/exporte ', '/var/lib/revier')).toBe('/srv/exporte');
    expect(exportFolderOf('', 'C:\\Revier')).toBe('C:\\Revier\\exports');
    expect(exportFolderOf('', null)).toBeNull();
  });
});
