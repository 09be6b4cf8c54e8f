// Tombstone rows (Löschnachweise) as the service shows them: the stored list of deleted files
// parsed, everything else as stored.
import type { EntityManager } from 'typeorm';
import { TombstoneEntity, type TombstoneRow } from '../../../db/entities/retention.ts';
import { ErasureFileSchema, type Tombstone } from '../../../../shared/api/retention.ts';

export function toTombstone(row: TombstoneRow): Tombstone {
  return { ...row, files: ErasureFileSchema.array().parse(JSON.parse(row.files)) };
}

/** Every tombstone, or those in one state, oldest deletion first. */
export async function readTombstones(manager: EntityManager, state?: TombstoneRow['state']): Promise<Tombstone[]> {
  const rows = await manager.getRepository(TombstoneEntity).find({ where: state ? { state } : {}, order: { startedUtc: 'ASC', clipId: 'ASC' } });
  return rows.map(toTombstone);
}
