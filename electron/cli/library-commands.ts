// `revier scan`, `revier verify` and `revier frames`: the library from the command line.
import path from 'node:path';
import { stat } from 'node:fs/promises';
import { FrameIndexEntity } from '../db/entities/library.ts';
import { decodeFrameIndex, ptsSeconds } from '../core/library/analysis/frame-index.ts';
import { scanDrive, type FileReport } from '../core/library/station-scanner.ts';
import { verifyOriginals } from '../core/library/verify-originals.ts';
import { systemActor } from '../core/governance/system-actor.ts';
import { asCommandError, CommandError, openStation, type StationOptions } from './station.ts';

export interface ScanOptions extends StationOptions {
  drive: string;
  json?: boolean;
}

export async function scan(options: ScanOptions): Promise<void> {
  const drive = path.resolve(options.drive);
  if (!(await stat(drive).then((s) => s.isDirectory(), () => false))) throw new CommandError(`Station drive ${drive} is not a readable folder`);
  const actor = systemActor('scan');
  const { core } = await openStation(options, { create: true });
  try {
    await core.settings.update(actor, { stationDrive: drive });
    const reports: FileReport[] = [];
    const done = await scanDrive(core, actor, drive, {
      onFile: (report) => {
        reports.push(report);
        if (options.json) console.log(JSON.stringify(report));
      },
    }).catch(asCommandError);
    const count = (outcome: FileReport['outcome']): number => reports.filter((r) => r.outcome === outcome).length;
    const summary = `Scanned ${done.filesTotal} video files: ${count('new')} new, ${count('unchanged')} unchanged, ${count('verified')} re-verified, ${count('changed')} CHANGED, ${count('missing')} missing, ${count('problem')} with problems.`;
    if (options.json) console.log(JSON.stringify({ summary: { files: done.filesTotal, new: count('new'), unchanged: count('unchanged'), verified: count('verified'), changed: count('changed'), missing: count('missing'), problems: count('problem') } }));
    else {
      for (const r of reports.filter((r) => r.errorCode || r.outcome === 'changed' || r.outcome === 'missing')) {
        console.log(`${r.outcome.padEnd(9)} ${r.errorCode ?? ''} ${r.path}${r.message ? `: ${r.message}` : ''}`);
      }
      console.log(summary);
    }
  } finally {
    await core.close();
  }
}

export async function verify(options: StationOptions & { json?: boolean }): Promise<number> {
  const { core } = await openStation(options);
  try {
    const checks = await verifyOriginals(core, systemActor('verify'), (check) => {
      if (options.json) console.log(JSON.stringify(check));
      else if (check.outcome !== 'intact') console.log(`${check.outcome.toUpperCase()} ${check.path}${check.actualSha256 ? ` (now ${check.actualSha256}, was ${check.expectedSha256})` : ''}`);
    }).catch(asCommandError);
    const changed = checks.filter((c) => c.outcome === 'changed').length;
    const missing = checks.filter((c) => c.outcome === 'missing').length;
    const line = `Verified ${checks.length} originals: ${checks.length - changed - missing} intact, ${changed} changed, ${missing} missing.`;
    if (options.json) console.log(JSON.stringify({ summary: { originals: checks.length, changed, missing } }));
    else console.log(line);
    return changed > 0 ? 1 : 0;
  } finally {
    await core.close();
  }
}

export async function frames(clipId: string, options: StationOptions): Promise<void> {
  const id = Number(clipId);
  if (!Number.isInteger(id) || id <= 0) throw new CommandError(`A clip id is a positive whole number, not "${clipId}"`);
  const { core } = await openStation(options);
  try {
    const row = await core.db.dataSource.getRepository(FrameIndexEntity).findOneBy({ clipId: id });
    if (!row) throw new CommandError(`No clip with id ${id} in this station`);
    const index = decodeFrameIndex(row.data);
    const list = Array.from(index.pts, (_pts, frame) => ({ frame, pts: ptsSeconds(index, frame), keyframe: index.keyframes[frame] === 1 }));
    process.stdout.write(`${JSON.stringify(list)}\n`);
  } finally {
    await core.close();
  }
}
