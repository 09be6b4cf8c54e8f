// The `revier` command as a user runs it: exit codes, output, and the audit tamper case.
import Database from 'better-sqlite3';
import { appendFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { databaseFile } from '../../electron/core/data-folder.ts';
import { migrations } from '../../electron/db/migrations/index.ts';
import { copyOfStationDrive } from '../support/station-drive.ts';
import { revier } from '../support/cli.ts';
import { useTempFolders } from '../support/temp-folder.ts';

const tempFolder = useTempFolders();

async function initialised(): Promise<string> {
  const data = path.join(tempFolder(), 'station');
  expect((await revier('init', '--data', data)).code).toBe(0);
  return data;
}

describe('revier command line', () => {
  it('init creates the database with every migration', async () => {
    const data = path.join(tempFolder(), 'new-station');
    const result = await revier('init', '--data', data);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`schema ${new migrations[migrations.length - 1]!().name}, ${migrations.length} migrations`);
    expect(existsSync(databaseFile(data))).toBe(true);
  });

  it('settings set stores and audits a value; settings get reads it', async () => {
    const data = await initialised();
    expect(await revier('settings', 'set', 'retentionDays', '30', '--data', data)).toMatchObject({ code: 0, stdout: 'retentionDays=30\n' });
    expect(await revier('settings', 'get', 'retentionDays', '--data', data)).toMatchObject({ code: 0, stdout: '30\n' });
    const sqlite = new Database(databaseFile(data), { readonly: true });
    const row = sqlite.prepare("SELECT action, target, details FROM audit_entry WHERE event = 'settings.update'").get();
    sqlite.close();
    expect(row).toEqual({ action: 'alteration', target: 'settings', details: '{"changes":{"retentionDays":{"from":28,"to":30}}}' });
  });

  it.each([
    [['settings', 'set', 'retentionDays', 'abc'], /needs a number/],
    [['settings', 'set', 'retentionDays', '0'], /Invalid setting "retentionDays"/],
    [['settings', 'set', 'colour', 'red'], /Unknown setting "colour"/],
    [['audit', 'export', '--format', 'xml'], /Allowed choices are csv, json/],
    [['audit', 'export', '--format', 'csv', '--from', 'yesterday'], /Not a date or ISO time: "yesterday"/],
    [['serve', '--port', '99999', '--no-open'], /a port is a whole number/],
    [['frobnicate'], /unknown command 'frobnicate'/],
  ])('refuses %j with a clear message and exit 2', async (args, message) => {
    const data = await initialised();
    const result = await revier(...args, '--data', data);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it('says which command to run when there is no station yet', async () => {
    const data = path.join(tempFolder(), 'nothing-here');
    const result = await revier('audit', 'verify', '--data', data);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`No Revier station in ${data}: run \`revier init --data ${data}\` first.`);
    expect(existsSync(data)).toBe(false);
  });

  it('prints help for every command', async () => {
    for (const command of [[], ['init'], ['serve'], ['scan'], ['verify'], ['frames'], ['settings', 'get'], ['settings', 'set'], ['audit', 'verify'], ['audit', 'export']]) {
      const result = await revier(...command, '--help');
      expect(result.code, command.join(' ')).toBe(0);
      expect(result.stdout).toMatch(/^Usage: revier/);
    }
  });

  it('audit verify exits 0 on an intact chain and 1 naming the altered entry', async () => {
    const data = await initialised();
    for (const days of ['20', '21', '22']) await revier('settings', 'set', 'retentionDays', days, '--data', data);
    expect(await revier('audit', 'verify', '--data', data)).toMatchObject({ code: 0, stdout: 'Audit log intact: 3 entries verified.\n' });
    const sqlite = new Database(databaseFile(data));
    sqlite.exec('DROP TRIGGER audit_entry_no_update');
    sqlite.exec(`UPDATE audit_entry SET details = replace(details, '"to":21', '"to":99') WHERE sequence = 2`);
    sqlite.close();
    const result = await revier('audit', 'verify', '--data', data);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('first bad entry is sequence 2 (hash_mismatch)');
  });

  it('audit verify names a removed entry', async () => {
    const data = await initialised();
    for (const days of ['20', '21', '22']) await revier('settings', 'set', 'retentionDays', days, '--data', data);
    const sqlite = new Database(databaseFile(data));
    sqlite.exec('DROP TRIGGER audit_entry_no_delete');
    sqlite.exec('DELETE FROM audit_entry WHERE sequence = 1');
    sqlite.close();
    const result = await revier('audit', 'verify', '--data', data);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('first bad entry is sequence 1 (sequence_gap)');
  });

  it('audit verify names entries cut off the end', async () => {
    const data = await initialised();
    for (const days of ['20', '21', '22']) await revier('settings', 'set', 'retentionDays', days, '--data', data);
    const sqlite = new Database(databaseFile(data));
    sqlite.exec('DROP TRIGGER audit_entry_no_delete');
    sqlite.exec('DELETE FROM audit_entry WHERE sequence = 3');
    sqlite.close();
    const result = await revier('audit', 'verify', '--data', data);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('first bad entry is sequence 3 (entries_missing)');
  });

  it('audit export writes CSV and JSON, filtered by target, actor and time', async () => {
    const data = await initialised();
    await revier('settings', 'set', 'language', 'en', '--data', data);
    await revier('audit', 'verify', '--data', data);
    const csv = await revier('audit', 'export', '--format', 'csv', '--target', 'settings', '--data', data);
    expect(csv.code).toBe(0);
    const lines = csv.stdout.trimEnd().split('\r\n');
    expect(lines[0]).toBe('sequence,time,user,role,session,action,target,event,details,previous_hash,hash');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^1,[^,]+,[^,]+,supervisor,[^,]+,alteration,settings,settings\.update,"\{""changes"":\{""language"":\{""from"":""de"",""to"":""en""\}\}\}",0{64},[0-9a-f]{64}$/);
    const json = JSON.parse((await revier('audit', 'export', '--format', 'json', '--data', data)).stdout);
    expect(json.map((e: { event: string }) => e.event)).toEqual(['settings.update', 'audit.verify', 'audit.export']);
    const none = JSON.parse((await revier('audit', 'export', '--format', 'json', '--actor', 'nobody', '--data', data)).stdout);
    expect(none).toEqual([]);
    const future = JSON.parse((await revier('audit', 'export', '--format', 'json', '--from', '2999-01-01', '--data', data)).stdout);
    expect(future).toEqual([]);
    const today = new Date().toISOString().slice(0, 10);
    const todays = JSON.parse((await revier('audit', 'export', '--format', 'json', '--from', today, '--to', today, '--data', data)).stdout);
    expect(todays.length).toBeGreaterThanOrEqual(3);
  });

  it('scan prints one JSON line per file; verify exits 1 after an original changed; frames prints the index', async () => {
    const folder = tempFolder();
    const { drive, expected } = await copyOfStationDrive(folder);
    const data = path.join(folder, 'data');
    const scanned = await revier('scan', '--drive', drive, '--data', data, '--json');
    expect(scanned.code).toBe(0);
    const lines = scanned.stdout.trim().split('\n').map((line) => JSON.parse(line));
    const summary = lines.pop();
    expect(summary.summary).toMatchObject({ files: expected.clips.length + expected.broken.length, new: expected.clips.length, problems: expected.broken.length });
    const clipLine = lines.find((l) => l.path === expected.clips[0]!.path);
    expect(clipLine).toMatchObject({ outcome: 'new', frameCount: expected.clips[0]!.frameCount, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(lines.filter((l) => l.errorCode).map((l) => l.errorCode).sort()).toEqual(['EMPTY', 'NOT_VIDEO', 'TRUNCATED']);

    const frames = JSON.parse((await revier('frames', String(clipLine.clipId), '--data', data)).stdout);
    expect(frames).toHaveLength(expected.clips[0]!.frameCount);
    expect(frames[0]).toMatchObject({ frame: 0, keyframe: true });
    expect(frames[1].pts).toMatch(/^\d+\.\d+$/);

    expect((await revier('verify', '--data', data)).code).toBe(0);
    appendFileSync(path.join(drive, expected.clips[0]!.path), 'x');
    const verified = await revier('verify', '--data', data);
    expect(verified.code).toBe(1);
    expect(verified.stdout).toContain(`CHANGED ${expected.clips[0]!.path}`);
    expect((await revier('frames', '999', '--data', data)).stderr).toContain('No clip with id 999');
  });

  it('scan refuses a drive that is not a folder', async () => {
    const result = await revier('scan', '--drive', '/no/such/drive', '--data', tempFolder());
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Station drive /no/such/drive is not a readable folder');
  });
});
