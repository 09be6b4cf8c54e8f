// The `revier` command as a user runs it: exit codes, output, and the audit tamper case.
import Database from 'better-sqlite3';
import { appendFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { databaseFile } from '../../electron/core/data-folder.ts';
import { migrations } from '../../electron/db/migrations/index.ts';
import { copyOfStationDrive } from '../support/station-drive.ts';
import { revier, revierWith } from '../support/cli.ts';
import { useTempFolders } from '../support/temp-folder.ts';

const tempFolder = useTempFolders();

async function initialised(): Promise<string> {
  const data = path.join(tempFolder(), 'station');
  expect((await revier('init', '--data', data)).code).toBe(0);
  return data;
}

const adminPassword = 'Admin-Passwort-2026';
const userPassword = 'Nutzer-Passwort-2026';

/** `revier … --user admin` with the administrator's password in $REVIER_PASSWORD. */
const asAdmin = (...args: string[]) => revierWith({ REVIER_PASSWORD: adminPassword }, ...args, '--user', 'admin');

/** A station with its first administrator `admin`, made with `revier users add` as on a new station. */
async function withAdministrator(): Promise<string> {
  const data = await initialised();
  const added = await revierWith({ REVIER_NEW_PASSWORD: adminPassword }, 'users', 'add', '--data', data, '--username', 'admin', '--display-name', 'Administrator', '--service-number', 'A-0001', '--roles', 'administrator');
  expect(added).toMatchObject({ code: 0, stdout: 'Account admin created: administrator\n' });
  return data;
}

const asDpo = (...args: string[]) => revierWith({ REVIER_PASSWORD: userPassword }, ...args, '--user', 'dsb');

/** A station with its administrator and a data protection officer `dsb`. */
async function withDataProtectionOfficer(): Promise<string> {
  const data = await withAdministrator();
  const added = await revierWith({ REVIER_PASSWORD: adminPassword, REVIER_NEW_PASSWORD: userPassword }, 'users', 'add', '--data', data, '--username', 'dsb', '--display-name', 'DSB', '--service-number', 'D-1', '--roles', 'dpo', '--user', 'admin');
  expect(added.code).toBe(0);
  return data;
}

function auditRows(data: string): number {
  const sqlite = new Database(databaseFile(data), { readonly: true });
  const { rows } = sqlite.prepare('SELECT count(*) AS rows FROM audit_entry').get() as { rows: number };
  sqlite.close();
  return rows;
}

/** The newest entry's sequence number among those matching an SQL condition. */
function auditSequence(data: string, condition: string): number {
  const sqlite = new Database(databaseFile(data), { readonly: true });
  const { sequence } = sqlite.prepare(`SELECT max(sequence) AS sequence FROM audit_entry WHERE ${condition}`).get() as { sequence: number };
  sqlite.close();
  return sequence;
}

describe('revier command line', () => {
  it('init creates the database with every migration', async () => {
    const data = path.join(tempFolder(), 'new-station');
    const result = await revier('init', '--data', data);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`schema ${new migrations[migrations.length - 1]!().name}, ${migrations.length} migrations`);
    expect(existsSync(databaseFile(data))).toBe(true);
  });

  it('settings set stores and audits a value as the signed-in administrator; settings get reads it', async () => {
    const data = await withAdministrator();
    expect(await asAdmin('settings', 'set', 'retentionDays', '30', '--data', data)).toMatchObject({ code: 0, stdout: 'retentionDays=30\n' });
    expect(await revier('settings', 'get', 'retentionDays', '--data', data)).toMatchObject({ code: 0, stdout: '30\n' });
    const sqlite = new Database(databaseFile(data), { readonly: true });
    const row = sqlite.prepare("SELECT user_id, role, action, target, details FROM audit_entry WHERE event = 'settings.update'").get();
    sqlite.close();
    expect(row).toEqual({ user_id: 'admin', role: 'administrator', action: 'alteration', target: 'settings', details: '{"changes":{"retentionDays":{"from":28,"to":30}}}' });
  });

  it('settings set acts only for an administrator signed in with the right password', async () => {
    const data = await withAdministrator();
    const noUser = await revier('settings', 'set', 'retentionDays', '30', '--data', data);
    expect(noUser.code).toBe(2);
    expect(noUser.stderr).toMatch(/required option '--user <name>' not specified/);
    expect(await revierWith({ REVIER_PASSWORD: 'falsches-Passwort' }, 'settings', 'set', 'retentionDays', '30', '--data', data, '--user', 'admin')).toMatchObject({ code: 2, stderr: 'revier: Wrong user name or password\n' });
    expect(await revier('settings', 'set', 'retentionDays', '30', '--data', data, '--user', 'admin')).toMatchObject({ code: 2, stderr: 'revier: The password of admin is needed: type it at a terminal or set REVIER_PASSWORD\n' });
    const added = await revierWith({ REVIER_PASSWORD: adminPassword, REVIER_NEW_PASSWORD: userPassword }, 'users', 'add', '--data', data, '--username', 'pk4711', '--display-name', 'PK Weber', '--service-number', '4711', '--roles', 'supervisor', '--user', 'admin');
    expect(added).toMatchObject({ code: 0, stdout: 'Account pk4711 created: supervisor\n' });
    const supervisor = await revierWith({ REVIER_PASSWORD: userPassword }, 'settings', 'set', 'retentionDays', '30', '--data', data, '--user', 'pk4711');
    expect(supervisor.code).toBe(2);
    expect(supervisor.stderr).toContain('The role supervisor may not do this (settings.change)');
    expect(await revierWith({ REVIER_PASSWORD: userPassword }, 'settings', 'set', 'language', 'en', '--data', data, '--user', 'pk4711')).toMatchObject({ code: 0, stdout: 'language=en\n' });
    expect(await revier('settings', 'get', 'retentionDays', '--data', data)).toMatchObject({ code: 0, stdout: '28\n' });
  });

  it('users add makes the first administrator, then only an administrator adds accounts; users list shows them', async () => {
    const data = await initialised();
    const notAdmin = await revierWith({ REVIER_NEW_PASSWORD: userPassword }, 'users', 'add', '--data', data, '--username', 'pk4711', '--display-name', 'PK Weber', '--service-number', '4711', '--roles', 'supervisor');
    expect(notAdmin).toMatchObject({ code: 2, stderr: 'revier: The station has no account yet: the first one is an administrator (--roles administrator)\n' });
    await revierWith({ REVIER_NEW_PASSWORD: adminPassword }, 'users', 'add', '--data', data, '--username', 'admin', '--display-name', 'Administrator', '--service-number', 'A-0001', '--roles', 'administrator');
    const withoutAdmin = await revierWith({ REVIER_NEW_PASSWORD: userPassword }, 'users', 'add', '--data', data, '--username', 'pk4711', '--display-name', 'PK Weber', '--service-number', '4711', '--roles', 'supervisor');
    expect(withoutAdmin).toMatchObject({ code: 2, stderr: 'revier: This command acts for a person: name your account with --user NAME\n' });
    const short = await revierWith({ REVIER_PASSWORD: adminPassword, REVIER_NEW_PASSWORD: 'kurz' }, 'users', 'add', '--data', data, '--username', 'pk4711', '--display-name', 'PK Weber', '--service-number', '4711', '--roles', 'supervisor', '--user', 'admin');
    expect(short.code).toBe(2);
    expect(short.stderr).toMatch(/Invalid account: password: at least 10 characters/);
    const added = await revierWith({ REVIER_PASSWORD: adminPassword, REVIER_NEW_PASSWORD: userPassword }, 'users', 'add', '--data', data, '--username', 'pk4711', '--display-name', 'PK Weber', '--service-number', '4711', '--roles', 'investigator,supervisor', '--user', 'admin');
    expect(added).toMatchObject({ code: 0, stdout: 'Account pk4711 created: investigator, supervisor\n' });
    const listed = await asAdmin('users', 'list', '--data', data);
    expect(listed).toMatchObject({ code: 0, stderr: '' });
    expect(listed.stdout).toBe('admin\tA-0001\tAdministrator\tadministrator\tactive\npk4711\t4711\tPK Weber\tinvestigator,supervisor\tactive\n');
    const byUser = await revierWith({ REVIER_PASSWORD: userPassword }, 'users', 'list', '--data', data, '--user', 'pk4711');
    expect(byUser.code).toBe(2);
    expect(byUser.stderr).toContain('The role investigator may not do this (users.manage)');
    const sqlite = new Database(databaseFile(data), { readonly: true });
    const events = sqlite.prepare("SELECT event, user_id, target FROM audit_entry WHERE event LIKE 'account.%' ORDER BY sequence").all();
    sqlite.close();
    expect(events).toEqual([
      { event: 'account.setup', user_id: 'system', target: 'user:admin' },
      { event: 'account.create', user_id: 'admin', target: 'user:pk4711' },
    ]);
  });

  it.each([
    [['settings', 'set', 'retentionDays', 'abc', '--user', 'admin'], /needs a number/],
    [['settings', 'set', 'retentionDays', '0', '--user', 'admin'], /Invalid setting "retentionDays"/],
    [['settings', 'set', 'colour', 'red', '--user', 'admin'], /Unknown setting "colour"/],
    [['audit', 'export', '--format', 'xml', '--user', 'admin'], /Allowed choices are csv, json/],
    [['audit', 'export', '--format', 'csv', '--from', 'yesterday', '--user', 'admin'], /Not a date or ISO time: "yesterday"/],
    [['serve', '--port', '99999', '--no-open'], /a port is a whole number/],
    [['frobnicate'], /unknown command 'frobnicate'/],
  ])('refuses %j with a clear message and exit 2', async (args, message) => {
    const data = await withAdministrator();
    const result = await revierWith({ REVIER_PASSWORD: adminPassword }, ...args, '--data', data);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it('says which command to run when there is no station yet', async () => {
    const data = path.join(tempFolder(), 'nothing-here');
    const result = await revier('audit', 'verify', '--data', data, '--user', 'dsb');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`No Revier station in ${data}: run \`revier init --data ${data}\` first.`);
    expect(existsSync(data)).toBe(false);
  });

  it('prints help for every command', async () => {
    for (const command of [[], ['init'], ['serve'], ['scan'], ['verify'], ['frames'], ['settings', 'get'], ['settings', 'set'], ['audit', 'verify'], ['audit', 'export'], ['users', 'add'], ['users', 'list']]) {
      const result = await revier(...command, '--help');
      expect(result.code, command.join(' ')).toBe(0);
      expect(result.stdout).toMatch(/^Usage: revier/);
    }
  });

  it('audit verify exits 0 on an intact chain and 1 naming the altered entry', async () => {
    const data = await withDataProtectionOfficer();
    for (const days of ['20', '21', '22']) await asAdmin('settings', 'set', 'retentionDays', days, '--data', data);
    const intact = await asDpo('audit', 'verify', '--data', data);
    // Verified: every entry before the verification's own (the officer's sign-in included).
    expect(intact).toMatchObject({ code: 0, stdout: `Audit log intact: ${auditRows(data) - 1} entries verified.\n` });
    const altered = auditSequence(data, `event = 'settings.update' AND details LIKE '%"to":21%'`);
    const sqlite = new Database(databaseFile(data));
    sqlite.exec('DROP TRIGGER audit_entry_no_update');
    sqlite.exec(`UPDATE audit_entry SET details = replace(details, '"to":21', '"to":99') WHERE sequence = ${altered}`);
    sqlite.close();
    const result = await asDpo('audit', 'verify', '--data', data);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`first bad entry is sequence ${altered} (hash_mismatch)`);
  });

  it('audit verify names a removed entry', async () => {
    const data = await withDataProtectionOfficer();
    for (const days of ['20', '21', '22']) await asAdmin('settings', 'set', 'retentionDays', days, '--data', data);
    const sqlite = new Database(databaseFile(data));
    sqlite.exec('DROP TRIGGER audit_entry_no_delete');
    sqlite.exec('DELETE FROM audit_entry WHERE sequence = 1');
    sqlite.close();
    const result = await asDpo('audit', 'verify', '--data', data);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('first bad entry is sequence 1 (sequence_gap)');
  });

  it('audit verify names entries cut off the end', async () => {
    const data = await withDataProtectionOfficer();
    for (const days of ['20', '21', '22']) await asAdmin('settings', 'set', 'retentionDays', days, '--data', data);
    const last = auditSequence(data, '1 = 1');
    const sqlite = new Database(databaseFile(data));
    sqlite.exec('DROP TRIGGER audit_entry_no_delete');
    sqlite.exec(`DELETE FROM audit_entry WHERE sequence = ${last}`);
    sqlite.close();
    const result = await asDpo('audit', 'verify', '--data', data);
    expect(result.code).toBe(1);
    // The officer's sign-in takes the cut entry's number, chained to the entry before: only the
    // anchor beside the database still knows the entry that was cut off.
    expect(result.stderr).toContain(`first bad entry is sequence ${last} (anchor_mismatch)`);
  });

  it('audit verify and export are for the data protection officer only', async () => {
    const data = await withDataProtectionOfficer();
    expect(await asAdmin('audit', 'verify', '--data', data)).toMatchObject({ code: 2, stderr: expect.stringMatching(/The role administrator may not do this \(audit\.read\)/) as unknown });
    expect(await revier('audit', 'export', '--format', 'csv', '--data', data)).toMatchObject({ code: 2, stderr: expect.stringMatching(/required option '--user <name>'/) as unknown });
  });

  it('audit export writes CSV and JSON, filtered by target, actor and time', async () => {
    const data = await withDataProtectionOfficer();
    await asAdmin('settings', 'set', 'language', 'en', '--data', data);
    await asDpo('audit', 'verify', '--data', data);
    const csv = await asDpo('audit', 'export', '--format', 'csv', '--target', 'settings', '--data', data);
    expect(csv.code).toBe(0);
    const lines = csv.stdout.trimEnd().split('\r\n');
    expect(lines[0]).toBe('sequence,time,user,role,session,action,target,event,details,previous_hash,hash');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^\d+,[^,]+,admin,administrator,[^,]+,alteration,settings,settings\.update,"\{""changes"":\{""language"":\{""from"":""de"",""to"":""en""\}\}\}",[0-9a-f]{64},[0-9a-f]{64}$/);
    const json = JSON.parse((await asDpo('audit', 'export', '--format', 'json', '--data', data)).stdout) as { event: string }[];
    expect(json.map((e) => e.event).filter((event) => !event.startsWith('session.') && !event.startsWith('account.'))).toEqual(['settings.update', 'audit.verify', 'audit.export']);
    const none = JSON.parse((await asDpo('audit', 'export', '--format', 'json', '--actor', 'nobody', '--data', data)).stdout);
    expect(none).toEqual([]);
    const future = JSON.parse((await asDpo('audit', 'export', '--format', 'json', '--from', '2999-01-01', '--data', data)).stdout);
    expect(future).toEqual([]);
    const today = new Date().toISOString().slice(0, 10);
    const todays = JSON.parse((await asDpo('audit', 'export', '--format', 'json', '--from', today, '--to', today, '--data', data)).stdout);
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
