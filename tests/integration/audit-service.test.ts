import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core.ts';
import { auditAnchorFile, databaseFile } from '../../electron/core/data-folder.ts';
import { entryHash, genesisHash } from '../../electron/core/governance/audit-service.ts';
import { canonicalJson } from '../../shared/canonical-json.ts';
import { dpoActor, openTestCore, testActor } from '../support/core.ts';
import { useTempFolders } from '../support/temp-folder.ts';

const tempFolder = useTempFolders();
let core: Core | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
});

async function coreWithEntries(count: number): Promise<{ core: Core; dataFolder: string }> {
  const dataFolder = tempFolder();
  core = await openTestCore(dataFolder);
  for (let i = 0; i < count; i++) {
    await core.audit.record(testActor, { action: 'consultation', target: `clip:${i}`, event: 'test.view', details: { i } });
  }
  return { core, dataFolder };
}

/** Plain SQL on the database file, as someone with file access could do it. */
function tamper(dataFolder: string, ...statements: string[]): void {
  const sqlite = new Database(databaseFile(dataFolder));
  sqlite.exec('DROP TRIGGER audit_entry_no_update; DROP TRIGGER audit_entry_no_delete;');
  for (const statement of statements) sqlite.exec(statement);
  sqlite.close();
}

describe('audit service', () => {
  it('chains every entry to the one before with SHA-256 over the canonical entry', async () => {
    const { core } = await coreWithEntries(3);
    const page = await core.auditReports.query(dpoActor, { page: 1, pageSize: 10 });
    const [third, second, first] = page.entries;
    expect(page.total).toBe(3);
    expect(first?.sequence).toBe(1);
    expect(first?.previousHash).toBe(genesisHash);
    expect(second?.previousHash).toBe(first?.hash);
    expect(third?.previousHash).toBe(second?.hash);
    const canonical = canonicalJson({
      sequence: 1,
      time: first?.time,
      actor: testActor,
      action: 'consultation',
      target: 'clip:0',
      event: 'test.view',
      details: { i: 0 },
    });
    expect(first?.hash).toBe(createHash('sha256').update(`${genesisHash}\n${canonical}`).digest('hex'));
    expect(first?.actor).toEqual(testActor);
  });

  it('verifies an intact chain and logs the verification', async () => {
    const { core } = await coreWithEntries(5);
    expect(await core.auditReports.verify(dpoActor)).toEqual({ intact: true, entries: 5 });
    const page = await core.auditReports.query(dpoActor, { page: 1, pageSize: 1 });
    expect(page.entries.map((e) => e.event)).toEqual(['audit.verify']);
  });

  it('refuses UPDATE and DELETE through the database itself', async () => {
    const { core, dataFolder } = await coreWithEntries(1);
    const sqlite = new Database(databaseFile(dataFolder));
    expect(() => sqlite.exec("UPDATE audit_entry SET target = 'x'")).toThrow(/append-only/);
    expect(() => sqlite.exec('DELETE FROM audit_entry')).toThrow(/append-only/);
    sqlite.close();
    expect(await core.auditReports.verify(dpoActor)).toEqual({ intact: true, entries: 1 });
  });

  it.each([
    ['an altered detail', "UPDATE audit_entry SET details = '{\"i\":99}' WHERE sequence = 3", 3, 'hash_mismatch'],
    ['an altered actor', "UPDATE audit_entry SET user_id = 'someone' WHERE sequence = 2", 2, 'hash_mismatch'],
    ['a removed entry', 'DELETE FROM audit_entry WHERE sequence = 3', 3, 'sequence_gap'],
    [
      'two swapped entries',
      'UPDATE audit_entry SET sequence = 1000 WHERE sequence = 2; UPDATE audit_entry SET sequence = 2 WHERE sequence = 4; UPDATE audit_entry SET sequence = 4 WHERE sequence = 1000',
      2,
      'chain_broken',
    ],
  ])('names the first bad entry after %s', async (_case, statement, firstBadSequence, reason) => {
    const { core, dataFolder } = await coreWithEntries(5);
    tamper(dataFolder, statement);
    const result = await core.auditReports.verify(dpoActor);
    expect(result).toEqual({ intact: false, entries: expect.any(Number), firstBadSequence, reason });
  });

  it('names the entry after a rewritten one whose own hash was recomputed', async () => {
    const { core, dataFolder } = await coreWithEntries(4);
    const sqlite = new Database(databaseFile(dataFolder));
    const row = sqlite.prepare('SELECT * FROM audit_entry WHERE sequence = 2').get() as Record<string, string | number>;
    sqlite.close();
    const forged = {
      sequence: 2,
      time: String(row.time),
      userId: String(row.user_id),
      role: String(row.role),
      sessionId: String(row.session_id),
      action: String(row.action),
      target: 'clip:forged',
      event: String(row.event),
      details: String(row.details),
      previousHash: String(row.previous_hash),
    };
    tamper(dataFolder, `UPDATE audit_entry SET target = 'clip:forged', hash = '${entryHash(forged)}' WHERE sequence = 2`);
    expect(await core.auditReports.verify(dpoActor)).toMatchObject({ intact: false, firstBadSequence: 3, reason: 'chain_broken' });
  });

  it('names the first missing entry when entries were cut off the end', async () => {
    const { core, dataFolder } = await coreWithEntries(5);
    tamper(dataFolder, 'DELETE FROM audit_entry WHERE sequence >= 4');
    expect(await core.auditReports.verify(dpoActor)).toEqual({ intact: false, entries: 3, firstBadSequence: 4, reason: 'entries_missing' });
  });

  it('notices a chain rewritten from the start with recomputed hashes', async () => {
    const { core, dataFolder } = await coreWithEntries(3);
    const sqlite = new Database(databaseFile(dataFolder));
    const rows = sqlite.prepare('SELECT * FROM audit_entry ORDER BY sequence').all() as Record<string, string | number>[];
    sqlite.close();
    let previousHash = genesisHash;
    const statements = rows.map((row) => {
      const forged = {
        sequence: Number(row.sequence),
        time: String(row.time),
        userId: 'forger',
        role: String(row.role),
        sessionId: String(row.session_id),
        action: String(row.action),
        target: String(row.target),
        event: String(row.event),
        details: String(row.details),
        previousHash,
      };
      previousHash = entryHash(forged);
      return `UPDATE audit_entry SET user_id = 'forger', previous_hash = '${forged.previousHash}', hash = '${previousHash}' WHERE sequence = ${forged.sequence}`;
    });
    tamper(dataFolder, ...statements);
    expect(await core.auditReports.verify(dpoActor)).toEqual({ intact: false, entries: 3, firstBadSequence: 3, reason: 'anchor_mismatch' });
  });

  it('keeps the anchor beside the database at the newest committed entry', async () => {
    const { core, dataFolder } = await coreWithEntries(2);
    const { head } = await core.audit.inspect(core.db.dataSource.manager);
    expect(JSON.parse(readFileSync(auditAnchorFile(dataFolder), 'utf8'))).toEqual({ sequence: head?.sequence, hash: head?.hash });
  });

  it('reports a damaged anchor as tampering', async () => {
    const { core, dataFolder } = await coreWithEntries(2);
    writeFileSync(auditAnchorFile(dataFolder), '{"sequence": "two"}');
    expect(await core.auditReports.verify(dpoActor)).toEqual({ intact: false, entries: 2, firstBadSequence: 2, reason: 'anchor_mismatch' });
  });

  it('writes nothing when the caller transaction fails', async () => {
    const { core } = await coreWithEntries(1);
    await expect(
      core.db.transaction(async (manager) => {
        await core.audit.append(manager, testActor, { action: 'alteration', target: 'x', event: 'test.fail' });
        throw new Error('change failed');
      }),
    ).rejects.toThrow('change failed');
    expect(await core.auditReports.verify(dpoActor)).toEqual({ intact: true, entries: 1 });
  });

  it('keeps sequence numbers unique when many entries are appended at once', async () => {
    const { core } = await coreWithEntries(0);
    await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        core.audit.record(testActor, { action: 'consultation', target: `clip:${i}`, event: 'test.view' }),
      ),
    );
    expect(await core.auditReports.verify(dpoActor)).toEqual({ intact: true, entries: 25 });
  });

  it('exports entries by filter, oldest first, and logs the export as a disclosure', async () => {
    const { core } = await coreWithEntries(4);
    const entries = await core.auditReports.export(dpoActor, { target: 'clip:2' }, 'json');
    expect(entries.map((e) => e.target)).toEqual(['clip:2']);
    const page = await core.auditReports.query(dpoActor, { page: 1, pageSize: 1 });
    expect(page.entries[0]).toMatchObject({ event: 'audit.export', action: 'disclosure', details: { entries: 1, format: 'json' } });
  });
});

describe('audit events', () => {
  it('announces an entry only after its transaction committed', async () => {
    const { core } = await coreWithEntries(0);
    const announced: number[] = [];
    core.events.subscribe((event, payload) => {
      if (event === 'audit.appended') announced.push((payload as { sequence: number }).sequence);
    });
    await core.db
      .transaction(async (manager) => {
        await core.audit.append(manager, testActor, { action: 'alteration', target: 'x', event: 'test.rolled-back' });
        throw new Error('change failed');
      })
      .catch(() => undefined);
    expect(announced).toEqual([]);
    await core.audit.record(testActor, { action: 'consultation', target: 'x', event: 'test.kept' });
    expect(announced).toEqual([1]);
  });
});
