// Re-hashes every ingested original and compares it with the hash taken at ingest: a changed
// file raises an integrity alarm (once per new content), a vanished one is marked missing.
import path from 'node:path';
import type { Actor } from '../../../shared/api/actor.ts';
import { ClipEntity, IntegrityAlarmEntity } from '../../db/entities/library.ts';
import type { Core } from '../core.ts';
import { ServiceError } from '../service-error.ts';
import { stationDriveStatus } from '../app-status.ts';
import { sha256File } from './analysis/hash.ts';
import { lstat } from 'node:fs/promises';
import { confirmClip, markMissing, raiseIntegrityAlarm, type IngestContext } from './ingest.ts';

export interface OriginalCheck {
  clipId: number;
  path: string;
  expectedSha256: string;
  actualSha256: string | null;
  outcome: 'intact' | 'changed' | 'missing';
}

export async function verifyOriginals(core: Core, actor: Actor, onClip?: (check: OriginalCheck) => void): Promise<OriginalCheck[]> {
  const drive = (await core.settings.get()).stationDrive;
  if (!(await stationDriveStatus(drive)).readable) {
    throw new ServiceError('unavailable', `Station drive ${drive || '(not configured)'} is not mounted or not readable; nothing was checked`);
  }
  const context: IngestContext = { db: core.db, audit: core.audit, actor };
  const clips = await core.db.dataSource.getRepository(ClipEntity).find({ order: { path: 'ASC' } });
  const checks: OriginalCheck[] = [];
  for (const clip of clips) {
    const file = path.join(drive, clip.path);
    const info = await lstat(file, { bigint: true }).catch(() => null);
    let check: OriginalCheck;
    if (!info?.isFile()) {
      if (clip.state !== 'missing') await markMissing(context, clip);
      check = { clipId: clip.id, path: clip.path, expectedSha256: clip.sha256, actualSha256: null, outcome: 'missing' };
    } else {
      const identity = { sizeBytes: Number(info.size), mtimeMs: Number(info.mtimeMs), inode: info.ino.toString() };
      const { sha256 } = await sha256File(file);
      if (sha256 === clip.sha256) {
        await confirmClip(context, clip, identity);
      } else {
        const lastAlarm = await core.db.dataSource.getRepository(IntegrityAlarmEntity).findOne({ where: { clipId: clip.id }, order: { id: 'DESC' } });
        if (lastAlarm?.actualSha256 !== sha256) await raiseIntegrityAlarm(context, clip, identity, sha256);
      }
      check = { clipId: clip.id, path: clip.path, expectedSha256: clip.sha256, actualSha256: sha256, outcome: sha256 === clip.sha256 ? 'intact' : 'changed' };
    }
    checks.push(check);
    onClip?.(check);
  }
  await core.audit.record(actor, {
    action: 'consultation',
    target: 'library',
    event: 'library.verify',
    details: {
      clips: checks.length,
      changed: checks.filter((c) => c.outcome === 'changed').length,
      missing: checks.filter((c) => c.outcome === 'missing').length,
    },
  });
  return checks;
}
