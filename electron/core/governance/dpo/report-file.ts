// Saving a report: written under a partial name and renamed when complete, so no half-written
// report ever carries the final name.
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ServiceError } from '../../service-error.ts';
import type { AuditReportFile } from './audit-reports.ts';

/** Where reports made in a window go, inside the station's export folder. */
export const reportsFolder = 'Protokollberichte';

export async function saveReport(report: AuditReportFile, file: string): Promise<void> {
  const partial = path.join(path.dirname(file), `.${path.basename(file)}.partial`);
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(partial, report.bytes);
    await rename(partial, file);
  } catch (error) {
    await rm(partial, { force: true });
    throw new ServiceError('unavailable', `The report could not be written to ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
