// The data protection officer's reading of the audit log on a real SQLite file: filtered pages,
// the clip, user and period reports as CSV and PDF (read back with pdftotext), who may read, that
// reading is logged, and the yearly purge that keeps the chain verifiable.
import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../shared/api/actor.ts';
import type { AuditEntry } from '../../shared/api/audit.ts';
import type { Core } from '../../electron/core/core.ts';
import { auditAnchorFile, databaseFile } from '../../electron/core/data-folder.ts';
import { AuditReports } from '../../electron/core/governance/dpo/audit-reports.ts';
import { AuditService, type AuditRecord } from '../../electron/core/governance/audit-service.ts';
import { ServiceError } from '../../electron/core/service-error.ts';
import { TombstoneEntity, type TombstoneRow } from '../../electron/db/entities/retention.ts';
import { revierWith } from '../support/cli.ts';
import { openTestCore } from '../support/core.ts';
import { useTempFolders } from '../support/temp-folder.ts';

const run = promisify(execFile);
const tempFolder = useTempFolders();
let core: Core | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
});

const dpo: Actor = { userId: 'dsb.wagner', role: 'dpo', sessionId: 'session-dpo' };
const investigator: Actor = { userId: 'pk4711', role: 'investigator', sessionId: 'session-pk' };
const supervisor: Actor = { userId: 'phk0815', role: 'supervisor', sessionId: 'session-phk' };
const administrator: Actor = { userId: 'admin.roth', role: 'administrator', sessionId: 'session-admin' };
const trainer: Actor = { userId: 'trainer.kern', role: 'trainer', sessionId: 'session-trainer' };
const system: Actor = { userId: 'system', role: 'system', sessionId: 'retention:run-1' };

const justifications = {
  investigator: 'Az. 1 Js 4711/26: Sichtung des Einsatzes',
  supervisor: 'Prüfung der Beschwerde vom 3. März',
  formula: '=HYPERLINK("http://evil.example","Beleg")',
  still: 'Standbild für die Fahndung',
};
const recipient = 'Staatsanwaltschaft Stuttgart';
const originalSha256 = 'a'.repeat(64);
const stillSha256 = 'c'.repeat(64);

interface Station {
  core: Core;
  dataFolder: string;
  reports: AuditReports;
  /** Appends entries with this time (ISO) through a second AuditService on the same log. */
  recordAt(time: string, actor: Actor, record: AuditRecord): Promise<AuditEntry>;
}

async function openStation(): Promise<Station> {
  const dataFolder = tempFolder();
  core = await openTestCore(dataFolder);
  const opened = core;
  let time = new Date();
  const clockedAudit = new AuditService(opened.db, opened.events, auditAnchorFile(dataFolder), () => time);
  return {
    core: opened,
    dataFolder,
    reports: new AuditReports(opened.db, opened.audit, opened.access, opened.settings),
    recordAt(at, actor, record) {
      time = new Date(at);
      return clockedAudit.record(actor, record);
    },
  };
}

/** The log around clip 42: openings, a court package, a still, a refusal, a settings change and the deletion. */
async function clipHistory(station: Station): Promise<Record<string, AuditEntry>> {
  const { core, recordAt } = station;
  const clip = { recordingId: 42, path: 'Axis/pk4711_ACCC8E_20260301T101500Z/clip.mkv', sha256: originalSha256 };
  const entries: Record<string, AuditEntry> = {};
  entries.openInvestigator = await recordAt('2026-03-02T08:00:00.000Z', investigator, {
    action: 'consultation',
    target: 'clip:42',
    event: 'player.open',
    details: { justification: justifications.investigator, ...clip },
  });
  entries.otherClip = await recordAt('2026-03-02T08:30:00.000Z', investigator, {
    action: 'consultation',
    target: 'clip:7',
    event: 'player.open',
    details: { justification: 'Anderer Vorgang', recordingId: 7, path: 'other.mp4', sha256: 'b'.repeat(64) },
  });
  entries.openSupervisor = await recordAt('2026-03-03T09:00:00.000Z', supervisor, {
    action: 'consultation',
    target: 'clip:42',
    event: 'player.open',
    details: { justification: justifications.supervisor, ...clip },
  });
  const courtRequest = { kind: 'court', clips: [{ clipId: 42 }], caseReference: '1 Js 4711/26', recipient, withOriginals: false, zip: false };
  entries.courtStart = await recordAt('2026-03-04T10:00:00.000Z', investigator, {
    action: 'consultation',
    target: 'clip:42',
    event: 'export.court.start',
    details: { exportId: 'export-court-1', request: courtRequest },
  });
  entries.courtDone = await recordAt('2026-03-04T10:05:00.000Z', investigator, {
    action: 'disclosure',
    target: 'clip:42',
    event: 'export.court.done',
    details: { exportId: 'export-court-1', output: '/exports/Gerichtsexport_1-Js-4711-26', caseReference: '1 Js 4711/26', recipient, legalBasis: '§ 163 StPO' },
  });
  entries.openFormula = await recordAt('2026-03-05T11:00:00.000Z', investigator, {
    action: 'consultation',
    target: 'clip:42',
    event: 'player.open',
    details: { justification: justifications.formula, ...clip },
  });
  const stillRequest = { kind: 'still', clipId: 42, frame: 120, justification: justifications.still, unredacted: false };
  entries.stillStart = await recordAt('2026-03-06T12:00:00.000Z', supervisor, {
    action: 'consultation',
    target: 'clip:42',
    event: 'export.still.start',
    details: { exportId: 'export-still-2', request: stillRequest },
  });
  entries.stillDone = await recordAt('2026-03-06T12:00:05.000Z', supervisor, {
    action: 'disclosure',
    target: 'clip:42',
    event: 'export.still.done',
    details: { exportId: 'export-still-2', output: '/exports/still.png', sha256: stillSha256, frame: 120, redacted: true, justification: justifications.still, caseReference: null },
  });
  entries.refused = await recordAt('2026-03-07T13:00:00.000Z', trainer, {
    action: 'consultation',
    target: 'clip:42',
    event: 'access.denied',
    details: { permission: 'footage.view' },
  });
  entries.deleteStart = await recordAt('2026-04-01T02:00:00.000Z', system, {
    action: 'erasure',
    target: 'clip:42',
    event: 'retention.delete.start',
    details: { reason: 'retention', sha256: originalSha256, path: clip.path, files: 3 },
  });
  entries.deleted = await recordAt('2026-04-01T02:00:01.000Z', system, {
    action: 'erasure',
    target: 'clip:42',
    event: 'retention.delete',
    details: { reason: 'retention', sha256: originalSha256, files: 3 },
  });
  const tombstone: TombstoneRow = {
    clipId: 42,
    recordingId: 42,
    sha256: originalSha256,
    device: 'ACCC8E',
    officer: 'pk4711',
    startUtc: '2026-03-01T10:15:00.000Z',
    endUtc: '2026-03-01T10:20:00.000Z',
    originalPath: clip.path,
    sizeBytes: 52_428_800,
    reason: 'retention',
    orderedBy: 'system',
    startedUtc: '2026-04-01T02:00:00.000Z',
    completedUtc: '2026-04-01T02:00:01.000Z',
    state: 'done',
    files: JSON.stringify([
      { kind: 'original', path: clip.path },
      { kind: 'derived', path: 'derived/42/proxy.mp4' },
      { kind: 'derived', path: 'derived/42/thumbnails.jpg' },
    ]),
  };
  await core.db.dataSource.getRepository(TombstoneEntity).insert(tombstone);
  return entries;
}

/** RFC 4180: fields split on commas outside quotes, "" inside quotes is one quote, CRLF ends a row. */
function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const character = text[i];
    if (quoted) {
      if (character === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (character === '"') quoted = false;
      else field += character;
    } else if (character === '"') quoted = true;
    else if (character === ',') {
      row.push(field);
      field = '';
    } else if (character === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += character;
  }
  expect(field).toBe('');
  const [header, ...records] = rows;
  expect(header).toBeDefined();
  return records.map((record) => {
    expect(record).toHaveLength(header!.length);
    return Object.fromEntries(header!.map((name, index) => [name, record[index] ?? '']));
  });
}

async function pdfText(bytes: Buffer): Promise<string> {
  const file = path.join(tempFolder(), 'report.pdf');
  writeFileSync(file, bytes);
  const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', file, '-']);
  return stdout.replace(/\s+/g, ' ');
}

async function lastEntry(station: Station): Promise<AuditEntry> {
  const [entry] = (await station.core.audit.extract(['audit'])).slice(-1);
  if (!entry) throw new Error('no entry about the audit log');
  return entry;
}

async function refusal(promise: Promise<unknown>): Promise<ServiceError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ServiceError);
  return error as ServiceError;
}

/** Plain SQL on the database file, as someone with file access could do it, with these triggers dropped. */
function tamper(dataFolder: string, triggers: string[], ...statements: string[]): void {
  const sqlite = new Database(databaseFile(dataFolder));
  for (const trigger of triggers) sqlite.exec(`DROP TRIGGER ${trigger}`);
  for (const statement of statements) sqlite.exec(statement);
  sqlite.close();
}

describe('audit reports for the data protection officer', () => {
  it('a clip report (CSV) lists every opening with its justification, every export with its recipient, the deletion and the chain', async () => {
    const station = await openStation();
    const history = await clipHistory(station);
    const head = await station.core.audit.record(administrator, { action: 'alteration', target: 'settings', event: 'settings.update', details: {} });
    const report = await station.reports.report(dpo, { clipId: 42 }, 'csv');

    expect(report.fileName).toMatch(/^protokoll_clip-42_\d{8}T\d{6}Z\.csv$/);
    expect(report.sha256).toBe(createHash('sha256').update(report.bytes).digest('hex'));
    const rows = parseCsv(report.bytes.toString('utf8'));
    const entries = rows.filter((row) => row.record === 'entry');
    const clipEntries = Object.values(history).filter((entry) => entry.target === 'clip:42');
    expect(entries.map((row) => Number(row.sequence))).toEqual(clipEntries.map((entry) => entry.sequence));
    expect(entries.filter((row) => row.event === 'player.open').map((row) => row.justification)).toEqual([
      justifications.investigator,
      justifications.supervisor,
      `'${justifications.formula}`,
    ]);
    expect(entries.filter((row) => row.event === 'export.court.done').map((row) => row.recipient)).toEqual([recipient]);
    expect(entries.find((row) => row.event === 'export.court.start')).toMatchObject({ recipient, case_reference: '1 Js 4711/26', action: 'consultation' });
    expect(entries.find((row) => row.event === 'export.still.start')).toMatchObject({ justification: justifications.still, recipient: '' });
    expect(entries.find((row) => row.event === 'retention.delete')).toMatchObject({ user: 'system', action: 'erasure', hash: history.deleted?.hash });

    const tombstone = rows.find((row) => row.record === 'tombstone');
    expect(tombstone).toMatchObject({ target: 'clip:42', user: 'system', action: 'erasure', time_utc: '2026-04-01T02:00:01.000Z', event: 'tombstone.done' });
    expect(JSON.parse(tombstone?.details ?? '{}')).toMatchObject({ sha256: originalSha256, reason: 'retention', orderedBy: 'system', files: [{ kind: 'original' }, {}, {}] });

    const chain = rows.at(-1);
    expect(chain).toMatchObject({ record: 'chain', event: 'chain.intact', sequence: String(head.sequence), hash: head.hash, user: dpo.userId });
    expect(JSON.parse(chain?.details ?? '{}')).toMatchObject({ subject: { clipId: 42 }, verification: { intact: true, entries: head.sequence } });

    // The report is logged as a disclosure right after the head it names.
    const logged = await lastEntry(station);
    expect(logged).toMatchObject({
      sequence: report.loggedAs,
      previousHash: head.hash,
      action: 'disclosure',
      target: 'audit',
      event: 'audit.report',
      actor: dpo,
      details: { subject: { clipId: 42 }, format: 'csv', entries: clipEntries.length, sha256: report.sha256, fileName: report.fileName },
    });
  });

  it('a clip report (PDF) is an A4 German report with the same facts', async () => {
    const station = await openStation();
    await clipHistory(station);
    const report = await station.reports.report(dpo, { clipId: 42 }, 'pdf');

    expect(report.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const file = path.join(tempFolder(), report.fileName);
    writeFileSync(file, report.bytes);
    const { stdout: info } = await run('pdfinfo', [file]);
    expect(info).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
    const text = await pdfText(report.bytes);
    for (const expected of [
      'Protokollbericht',
      'Aufzeichnung Clip 42',
      'Öffnungen im Player (3)',
      justifications.investigator,
      justifications.supervisor,
      justifications.formula,
      'Exporte (2)',
      'Gerichtsexport',
      recipient,
      'Standbild',
      justifications.still,
      stillSha256,
      'Löschnachweis',
      'Löschfrist abgelaufen',
      'Revier (regelmäßige Löschung)',
      originalSha256,
      'Weitere Einträge (1)',
      'access.denied',
      'unverändert: alle 11 Einträge des Protokolls geprüft',
      'Seite 1 von',
    ]) {
      expect(text, expected).toContain(expected);
    }
    const head = (await station.core.audit.extract(['clip:42'])).at(-1);
    expect(text).toContain(head?.hash);
    expect(text).not.toContain('Anderer Vorgang');
  });

  it('a user report holds everything the user did; a period report everything in the period', async () => {
    const station = await openStation();
    const history = await clipHistory(station);
    const byUser = parseCsv((await station.reports.report(dpo, { userId: supervisor.userId }, 'csv')).bytes.toString('utf8'));
    expect(byUser.filter((row) => row.record === 'entry').map((row) => Number(row.sequence))).toEqual(
      [history.openSupervisor, history.stillStart, history.stillDone].map((entry) => entry?.sequence),
    );
    const period = { from: '2026-03-04T00:00:00.000Z', to: '2026-03-06T12:00:00+00:00' };
    const inPeriod = await station.reports.report(dpo, period, 'csv');
    expect(inPeriod.fileName).toMatch(/^protokoll_zeitraum-20260304T000000Z-20260306T120000Z_/);
    expect(parseCsv(inPeriod.bytes.toString('utf8')).filter((row) => row.record === 'entry').map((row) => Number(row.sequence))).toEqual(
      [history.courtStart, history.courtDone, history.openFormula, history.stillStart].map((entry) => entry?.sequence),
    );
    const pdf = await pdfText((await station.reports.report(dpo, { userId: supervisor.userId }, 'pdf')).bytes);
    expect(pdf).toContain('Benutzer phk0815');
    expect(pdf).toContain('Einträge (3)');
    expect(pdf).toContain(`Begründung: ${justifications.supervisor}`);
    expect(pdf).not.toContain(justifications.investigator);
  });

  it('filters by clip, user, category, event and period give exactly those entries, newest first, paged, with the total', async () => {
    const station = await openStation();
    const history = await clipHistory(station);
    const sequences = async (filter: Parameters<AuditReports['query']>[1]) => (await station.reports.query(dpo, filter)).entries.map((entry) => entry.sequence);
    const seq = (...names: string[]) => names.map((name) => history[name]?.sequence);

    expect(await sequences({ clipId: 7 })).toEqual(seq('otherClip'));
    expect(await sequences({ userId: supervisor.userId })).toEqual(seq('stillDone', 'stillStart', 'openSupervisor'));
    expect(await sequences({ action: 'disclosure' })).toEqual(seq('stillDone', 'courtDone'));
    expect(await sequences({ action: 'erasure', clipId: 42 })).toEqual(seq('deleted', 'deleteStart'));
    expect(await sequences({ event: 'player.open', clipId: 42 })).toEqual(seq('openFormula', 'openSupervisor', 'openInvestigator'));
    expect(await sequences({ from: '2026-03-03T00:00:00.000Z', to: '2026-03-04T10:00:00.000Z' })).toEqual(seq('courtStart', 'openSupervisor'));
    expect(await sequences({ userId: investigator.userId, from: '2026-03-04T12:00:00+02:00' })).toEqual(seq('openFormula', 'courtDone', 'courtStart'));
    expect(await sequences({ userId: 'nobody' })).toEqual([]);

    const page = await station.reports.query(dpo, { clipId: 42, page: 2, pageSize: 4 });
    expect(page).toMatchObject({ page: 2, pageSize: 4, total: 10 });
    expect(page.entries.map((entry) => entry.sequence)).toEqual(seq('stillStart', 'openFormula', 'courtDone', 'courtStart'));
  });

  it('logs each reading in the same transaction, after what it read', async () => {
    const station = await openStation();
    const history = await clipHistory(station);
    const result = await station.reports.query(dpo, { clipId: 42, event: 'player.open', pageSize: 2 });
    const logged = await lastEntry(station);
    expect(logged).toMatchObject({
      action: 'consultation',
      target: 'audit',
      event: 'audit.query',
      actor: dpo,
      details: { filter: { clipId: 42, event: 'player.open' }, page: 1, pageSize: 2, total: 3 },
      sequence: (history.deleted?.sequence ?? 0) + 1,
    });
    expect(result.entries.map((entry) => entry.sequence)).not.toContain(logged.sequence);
    const own = await station.reports.query(dpo, { userId: dpo.userId });
    expect(own.entries.map((entry) => entry.event)).toEqual(['audit.query']);
  });

  it.each([investigator, supervisor, administrator, trainer, system])('refuses the $role and logs the refusal', async (actor) => {
    const station = await openStation();
    await clipHistory(station);
    const before = (await station.core.audit.extract(['audit'])).length;
    for (const attempt of [station.reports.query(actor, {}), station.reports.report(actor, { clipId: 42 }, 'pdf')]) {
      const error = await refusal(attempt);
      expect(error.code).toBe('forbidden');
      expect(error.message).toContain('audit.read');
    }
    const logged = (await station.core.audit.extract(['audit'])).slice(before);
    expect(logged.map((entry) => [entry.event, entry.actor.userId, entry.details.permission])).toEqual([
      ['access.denied', actor.userId, 'audit.read'],
      ['access.denied', actor.userId, 'audit.read'],
    ]);
  });

  it('refuses a malformed request with the field it is about', async () => {
    const station = await openStation();
    expect((await refusal(station.reports.query(dpo, { from: 'yesterday' }))).message).toMatch(/^Invalid audit query: from: /);
    const backwards = station.reports.report(dpo, { from: '2026-03-02T00:00:00Z', to: '2026-03-01T00:00:00Z' }, 'csv');
    expect((await refusal(backwards)).message).toContain('to: the period must not end before it starts');
  });

  it('neutralises formulas in every CSV cell', async () => {
    const station = await openStation();
    await station.recordAt('2026-05-01T08:00:00.000Z', { userId: '@admin', role: 'investigator', sessionId: '-1' }, {
      action: 'consultation',
      target: 'clip:9',
      event: 'player.open',
      details: { justification: '+49 711 1234' },
    });
    const text = (await station.reports.report(dpo, { clipId: 9 }, 'csv')).bytes.toString('utf8');
    const [row] = parseCsv(text).filter((record) => record.record === 'entry');
    expect(row).toMatchObject({ user: "'@admin", session: "'-1", justification: "'+49 711 1234" });
    expect(text).not.toMatch(/(^|,)[=+\-@]/m);
  });
});

describe('the yearly purge of the audit log', () => {
  const year = new Date().getUTCFullYear();

  /** Entries of two years ago (expired), of last year (kept) and of now. */
  async function agedLog(station: Station): Promise<{ expired: AuditEntry[]; kept: AuditEntry[] }> {
    const expired = [
      await station.recordAt(`${year - 2}-03-01T08:00:00.000Z`, investigator, { action: 'consultation', target: 'clip:1', event: 'player.open', details: { justification: 'alt' } }),
      await station.recordAt(`${year - 2}-07-01T08:00:00.000Z`, supervisor, { action: 'alteration', target: 'clip:1', event: 'annotations.change', details: {} }),
      await station.recordAt(`${year - 2}-12-31T23:59:59.999Z`, investigator, { action: 'disclosure', target: 'clip:1', event: 'export.still.done', details: {} }),
    ];
    const kept = [
      await station.recordAt(`${year - 1}-01-01T00:00:00.000Z`, investigator, { action: 'consultation', target: 'clip:2', event: 'player.open', details: { justification: 'neu' } }),
      await station.recordAt(`${year - 1}-06-01T00:00:00.000Z`, supervisor, { action: 'consultation', target: 'clip:2', event: 'player.open', details: { justification: 'neu' } }),
      await station.core.audit.record(administrator, { action: 'alteration', target: 'settings', event: 'settings.update', details: {} }),
    ];
    return { expired, kept };
  }

  const storedSequences = (station: Station) =>
    station.core.db.dataSource.query('SELECT sequence FROM audit_entry ORDER BY sequence').then((rows: { sequence: number }[]) => rows.map((row) => row.sequence));

  it('deletes the expired prefix, records the purge twice over and leaves an intact chain', async () => {
    const station = await openStation();
    const { expired, kept } = await agedLog(station);
    const through = expired.at(-1)!;
    const now = new Date();
    const purge = await station.reports.purgeExpired(system, now);

    const confirmedBy = kept.at(-1)!.sequence + 1;
    expect(purge).toEqual({
      throughSequence: through.sequence,
      throughHash: through.hash,
      entries: 3,
      oldestTime: `${year - 2}-03-01T08:00:00.000Z`,
      newestTime: `${year - 2}-12-31T23:59:59.999Z`,
      purgedUtc: now.toISOString(),
      confirmedBy,
    });
    expect(await storedSequences(station)).toEqual([...kept.map((entry) => entry.sequence), confirmedBy]);
    const rows = await station.core.db.dataSource.query('SELECT through_sequence, through_hash, entries, oldest_time, newest_time FROM audit_purge');
    expect(rows).toEqual([
      { through_sequence: through.sequence, through_hash: through.hash, entries: 3, oldest_time: purge?.oldestTime, newest_time: purge?.newestTime },
    ]);
    const confirmation = await lastEntry(station);
    expect(confirmation).toMatchObject({
      sequence: confirmedBy,
      action: 'erasure',
      target: 'audit',
      event: 'audit.purge',
      actor: system,
      details: { throughSequence: through.sequence, throughHash: through.hash, entries: 3, oldestTime: purge?.oldestTime, newestTime: purge?.newestTime },
    });
    expect(await station.core.auditReports.verify(dpo)).toEqual({ intact: true, entries: kept.length + 1 });

    // The first kept entry continues the purged chain.
    expect(kept[0]?.previousHash).toBe(through.hash);
    const csv = parseCsv((await station.reports.report(dpo, { from: `${year - 3}-01-01T00:00:00Z`, to: `${year + 1}-01-01T00:00:00Z` }, 'csv')).bytes.toString('utf8'));
    expect(csv.at(-1)).toMatchObject({ record: 'chain', event: 'chain.intact' });
    expect(JSON.parse(csv.at(-1)?.details ?? '{}')).toMatchObject({ purgedThroughSequence: through.sequence });
  });

  it('still refuses every other delete and every update in the database itself', async () => {
    const station = await openStation();
    const { kept } = await agedLog(station);
    await station.reports.purgeExpired(system, new Date());
    const sqlite = new Database(databaseFile(station.dataFolder));
    expect(() => sqlite.exec(`DELETE FROM audit_entry WHERE sequence = ${kept[0]?.sequence}`)).toThrow(/append-only/);
    expect(() => sqlite.exec('DELETE FROM audit_entry')).toThrow(/append-only/);
    expect(() => sqlite.exec(`UPDATE audit_entry SET target = 'x' WHERE sequence = ${kept[0]?.sequence}`)).toThrow(/append-only/);
    expect(() => sqlite.exec("UPDATE audit_purge SET through_hash = 'x'")).toThrow(/append-only/);
    expect(() => sqlite.exec('DELETE FROM audit_purge')).toThrow(/append-only/);
    sqlite.close();
    expect(await station.core.auditReports.verify(dpo)).toMatchObject({ intact: true });
  });

  it.each([
    ['an altered purge record', ['audit_purge_no_update'], () => [`UPDATE audit_purge SET through_hash = '${'f'.repeat(64)}'`], 1, 'purge_mismatch'],
    [
      'a purge record moved forward over more deleted entries',
      ['audit_purge_no_update', 'audit_entry_no_delete'],
      (through: number) => [
        `UPDATE audit_purge SET through_sequence = ${through + 1}, through_hash = (SELECT hash FROM audit_entry WHERE sequence = ${through + 1})`,
        `DELETE FROM audit_entry WHERE sequence = ${through + 1}`,
      ],
      2,
      'purge_mismatch',
    ],
    ['a removed first kept entry', ['audit_entry_no_delete'], (through: number) => [`DELETE FROM audit_entry WHERE sequence = ${through + 1}`], 1, 'sequence_gap'],
    ['a removed last entry', ['audit_entry_no_delete'], () => ['DELETE FROM audit_entry WHERE sequence = (SELECT MAX(sequence) FROM audit_entry)'], 'last', 'entries_missing'],
  ] as const)('after a purge, names %s', async (_case, triggers, statements, bad, reason) => {
    const station = await openStation();
    await agedLog(station);
    const purge = await station.reports.purgeExpired(system, new Date());
    const through = purge!.throughSequence;
    tamper(station.dataFolder, [...triggers], ...statements(through));
    const result = await station.core.auditReports.verify(dpo);
    expect(result).toMatchObject({ intact: false, reason, firstBadSequence: bad === 'last' ? purge!.confirmedBy : through + bad });
  });

  it('purges again: nothing while nothing expired, later the next prefix with the first confirmation in it', async () => {
    const station = await openStation();
    await agedLog(station);
    const first = await station.reports.purgeExpired(system, new Date());
    expect(await station.reports.purgeExpired(system, new Date())).toBeNull();
    const later = await station.recordAt(`${year + 1}-02-01T08:00:00.000Z`, investigator, { action: 'consultation', target: 'clip:3', event: 'player.open', details: {} });
    const second = await station.reports.purgeExpired(system, new Date(Date.UTC(year + 2, 0, 15)));

    expect(second).toMatchObject({ throughSequence: later.sequence - 1, entries: later.sequence - 1 - first!.throughSequence, confirmedBy: later.sequence + 1 });
    expect(await storedSequences(station)).toEqual([later.sequence, later.sequence + 1]);
    const purges = await station.core.db.dataSource.query('SELECT through_sequence FROM audit_purge ORDER BY id');
    expect(purges).toEqual([{ through_sequence: first!.throughSequence }, { through_sequence: later.sequence - 1 }]);
    expect(await station.core.auditReports.verify(dpo)).toEqual({ intact: true, entries: 2 });
  });

  it('purges only for the retention job, and never a chain that is not intact', async () => {
    const station = await openStation();
    const { expired } = await agedLog(station);
    for (const actor of [dpo, supervisor, investigator]) {
      const error = await refusal(station.reports.purgeExpired(actor, new Date()));
      expect([error.code, error.message]).toEqual(['forbidden', expect.stringContaining('retention.run')]);
    }
    tamper(station.dataFolder, ['audit_entry_no_update'], `UPDATE audit_entry SET details = '{"justification":"anders"}' WHERE sequence = ${expired[0]?.sequence}`);
    const error = await refusal(station.reports.purgeExpired(administrator, new Date()));
    expect(error.code).toBe('conflict');
    expect(error.message).toContain(`first bad entry ${expired[0]?.sequence}, hash_mismatch`);
    expect(await storedSequences(station)).toContain(expired[0]?.sequence);
    expect(await station.core.db.dataSource.query('SELECT COUNT(*) AS purges FROM audit_purge')).toEqual([{ purges: 0 }]);
  });
});

const officerPassword = 'DSB-Passwort-2026';

/** A new station with its administrator and the data protection officer `dsb`, made on the command line. */
async function stationWithOfficer(data: string): Promise<void> {
  expect((await revierWith({ REVIER_NEW_PASSWORD: officerPassword }, 'users', 'add', '--data', data, '--username', 'admin', '--display-name', 'Admin', '--service-number', 'A-1', '--roles', 'administrator')).code).toBe(0);
  const officer = ['users', 'add', '--data', data, '--username', 'dsb', '--display-name', 'DSB', '--service-number', 'D-1', '--roles', 'dpo', '--user', 'admin'];
  expect((await revierWith({ REVIER_PASSWORD: officerPassword, REVIER_NEW_PASSWORD: officerPassword }, ...officer)).code).toBe(0);
}

const asOfficer = (...args: string[]) => revierWith({ REVIER_PASSWORD: officerPassword }, ...args, '--user', 'dsb');

describe('revier audit report', () => {
  it('writes the report under its name (never a partial file) and logs it', async () => {
    const folder = tempFolder();
    const data = path.join(folder, 'station');
    await stationWithOfficer(data);
    const out = path.join(folder, 'bericht.pdf');
    const result = await asOfficer('audit', 'report', '--data', data, '--from', '2020-01-01', '--to', '2999-12-31', '--format', 'pdf', '--out', out);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const bytes = readFileSync(out);
    // The period holds the two accounts' creation and the sign-ins so far.
    expect(result.stdout).toMatch(new RegExp(`: [4-6] entries, SHA-256 ${createHash('sha256').update(bytes).digest('hex')}`));
    expect(readdirSync(folder).sort()).toEqual(['bericht.pdf', 'station']);
    expect(await pdfText(bytes)).toContain('Zeitraum 2020-01-01 00:00:00 UTC bis 2999-12-31 23:59:59.999 UTC');

    const csv = path.join(folder, 'bericht.csv');
    expect((await asOfficer('audit', 'report', '--data', data, '--actor', 'dsb', '--format', 'csv', '--out', csv)).code).toBe(0);
    const rows = parseCsv(readFileSync(csv, 'utf8'));
    expect(rows.filter((row) => row.record === 'entry').map((row) => row.event)).toEqual(['session.sign-in', 'audit.report', 'session.sign-in']);
  });

  it('asks for exactly one subject', async () => {
    const folder = tempFolder();
    const data = path.join(folder, 'station');
    await stationWithOfficer(data);
    const out = path.join(folder, 'bericht.csv');
    for (const subject of [[], ['--clip', '1', '--actor', 'x'], ['--from', '2026-01-01']]) {
      const result = await asOfficer('audit', 'report', '--data', data, ...subject, '--format', 'csv', '--out', out);
      expect(result.code, subject.join(' ')).toBe(2);
      expect(result.stderr).toMatch(/Name one subject|A period needs both --from and --to/);
    }
    expect(existsSync(out)).toBe(false);
  });
});
