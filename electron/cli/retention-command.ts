// `revier retention run` and `revier retention preview`: the retention job (Löschfristen) from the
// command line, as the station's system actor (the station itself runs it daily).
import type { RetentionService } from '../core/governance/retention/retention-service.ts';
import type { RetentionPreview, RetentionRun } from '../../shared/api/retention.ts';
import { systemActor } from '../core/governance/system-actor.ts';
import { asCommandError, openStation, type StationOptions } from './station.ts';

export interface RetentionRunOptions extends StationOptions {
  dryRun?: boolean;
  json?: boolean;
}

export interface RetentionPreviewOptions extends StationOptions {
  /** The time to decide at (default: now). */
  at?: Date;
  json?: boolean;
}

async function withRetention<T>(options: StationOptions, work: (retention: RetentionService) => Promise<T>): Promise<T> {
  const { core } = await openStation(options);
  try {
    return await work(core.retention).catch(asCommandError);
  } finally {
    await core.close();
  }
}

function previewLines(preview: RetentionPreview): string[] {
  return [
    ...preview.unfinished.map((tombstone) => `unfinished clip ${tombstone.clipId}  ${tombstone.reason}  started ${tombstone.startedUtc}  ${tombstone.originalPath}`),
    ...preview.due.map((clip) => `due      clip ${clip.clipId}  ${clip.reason}  deletion date ${clip.deletionUtc} (${clip.deletionBasis})  ${clip.path}`),
    ...preview.kept.map((clip) => {
      const why = clip.keptBy.map((keeping) =>
        keeping.kind === 'hold' ? `hold ${keeping.holdId} (${keeping.status}, ${keeping.caseReference}, review ${keeping.reviewDate})` : `${keeping.lockKind} lock ${keeping.lockId}`,
      );
      return `kept     clip ${clip.clipId}  ${why.join(', ')}  deletion date ${clip.deletionUtc}  ${clip.path}`;
    }),
  ];
}

function runLines(result: RetentionRun): string[] {
  if (result.dryRun) return previewLines(result.preview);
  return [
    ...result.deleted.map((tombstone) => `deleted  clip ${tombstone.clipId}  ${tombstone.reason}  ${tombstone.files.length} files  ${tombstone.originalPath}`),
    ...previewLines({ ...result.preview, due: [], unfinished: [] }),
    ...result.failed.map((failure) => `FAILED   clip ${failure.clipId}  ${failure.message}`),
  ];
}

/** Exit code 1 when any deletion failed. */
export async function runRetention(options: RetentionRunOptions): Promise<number> {
  const result = await withRetention(options, (retention) => retention.run(systemActor('retention'), new Date(), { dryRun: options.dryRun === true }));
  if (options.json) console.log(JSON.stringify(result));
  else {
    for (const line of runLines(result)) console.log(line);
    const outcome = result.dryRun ? `${result.preview.due.length} due (dry run: nothing deleted)` : `${result.deleted.length} deleted, ${result.failed.length} failed`;
    console.log(`Retention run at ${result.at}: ${outcome}, ${result.preview.kept.length} kept past their date.`);
  }
  return result.failed.length > 0 ? 1 : 0;
}

export async function previewRetention(options: RetentionPreviewOptions): Promise<void> {
  const preview = await withRetention(options, (retention) => retention.preview(systemActor('retention'), options.at ?? new Date()));
  if (options.json) console.log(JSON.stringify(preview));
  else {
    for (const line of previewLines(preview)) console.log(line);
    console.log(`Retention preview at ${preview.at}: ${preview.due.length} due, ${preview.kept.length} kept past their date, ${preview.unfinished.length} unfinished.`);
  }
}
