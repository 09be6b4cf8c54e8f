// Starts `revier serve` (the built command, as a user runs it) on a fresh data folder that has an
// account for each role and a second supervisor (created through the core, as the administrator
// would) and keeps the fixture recordings of 2024 from the station's retention run.
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { Role } from '../../shared/api/actor.ts';
import { openCore } from '../../electron/core/core.ts';
import { databaseFile } from '../../electron/core/data-folder.ts';
import { systemActor } from '../../electron/core/governance/system-actor.ts';

export const e2ePassword = 'Revier-E2E-2026!';

/** The accounts of every test station: login name and display name per role. */
export const e2eUsers: Record<Role, { username: string; displayName: string }> = {
  administrator: { username: 'admin', displayName: 'Admin Station' },
  investigator: { username: 'ermittler', displayName: 'KK Erika Ermittler' },
  supervisor: { username: 'dvg', displayName: 'PHK Karl Vorgesetzter' },
  trainer: { username: 'trainer', displayName: 'PHK Tina Trainer' },
  dpo: { username: 'dsb', displayName: 'Dana Datenschutz' },
};

/** A second supervisor: four-eyes approvals need someone other than the requester (`e2eUsers.supervisor`). */
export const secondSupervisor = { username: 'dvg2', displayName: 'PHKin Petra Zweitprüferin' };

async function seedStation(dataFolder: string, accounts: boolean): Promise<void> {
  const core = await openCore({ host: 'cli', version: 'e2e', dataFolder, offline: { enforced: true, mechanism: 'e2e seed' } });
  try {
    // The fixture drive is served in place and its recordings date from 2024: the station's daily
    // retention run must never find them due.
    await core.settings.update(systemActor('e2e'), { retentionDays: 3650 });
    if (!accounts) return;
    const admin = e2eUsers.administrator;
    const session = await core.accounts.setup({ ...admin, serviceNumber: 'A-1', password: e2ePassword });
    const actor = core.accounts.sessions.actor(session.id);
    for (const [role, user] of Object.entries(e2eUsers) as [Role, (typeof e2eUsers)[Role]][]) {
      if (role !== 'administrator') await core.accounts.create(actor, { ...user, serviceNumber: `SN-${user.username}`, roles: [role], password: e2ePassword });
    }
    await core.accounts.create(actor, { ...secondSupervisor, serviceNumber: `SN-${secondSupervisor.username}`, roles: ['supervisor'], password: e2ePassword });
  } finally {
    await core.close();
  }
}

export interface Station {
  readonly url: string;
  readonly origin: string;
  readonly dataFolder: string;
  readonly drive: string;
  stop(): Promise<void>;
}

export const builtCli = path.resolve('dist/electron/cli.js');

export async function startStation(dataFolder: string, drive: string, { accounts = true } = {}): Promise<Station> {
  await seedStation(dataFolder, accounts);
  const child: ChildProcess = spawn(process.execPath, [builtCli, 'serve', '--data', dataFolder, '--drive', drive, '--no-open'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise<Station>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`revier serve did not start:\n${output}`)), 30_000);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`revier serve exited with ${code}:\n${output}`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const url = /Revier browser host: (\S+)/.exec(output)?.[1];
      if (!url) return;
      clearTimeout(timer);
      resolve({
        url,
        origin: new URL(url).origin,
        dataFolder,
        drive,
        stop: () =>
          new Promise((done) => {
            child.removeAllListeners('exit');
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}

export interface StoredAuditEntry {
  sequence: number;
  event: string;
  target: string;
  action: string;
  userId: string;
  details: Record<string, unknown>;
}

/** The station's audit log as stored, newest first (read beside the running station, as the tests' witness). */
export function storedAuditEntries(dataFolder: string): StoredAuditEntry[] {
  const sqlite = new Database(databaseFile(dataFolder), { readonly: true });
  try {
    const rows = sqlite.prepare('SELECT sequence, event, target, action, user_id AS userId, details FROM audit_entry ORDER BY sequence DESC').all() as (Omit<StoredAuditEntry, 'details'> & { details: string })[];
    return rows.map((row) => ({ ...row, details: JSON.parse(row.details) as Record<string, unknown> }));
  } finally {
    sqlite.close();
  }
}
