// A writable copy of the fixture station drive, for tests that change or remove originals
// (the cached drive itself is never touched).
import { cpSync } from 'node:fs';
import path from 'node:path';
import { ensureStationDrive, type Expected } from '../fixtures/generate-station.ts';

export async function copyOfStationDrive(into: string): Promise<{ drive: string; expected: Expected }> {
  const { drive, expected } = await ensureStationDrive();
  const copy = path.join(into, 'drive');
  cpSync(drive, copy, { recursive: true, preserveTimestamps: true });
  return { drive: copy, expected };
}
