// Before the end-to-end tests: the built app must exist, and the fixture station drive is
// generated (or taken from its cache). Its path reaches the workers through the environment.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ensureStationDrive } from '../fixtures/generate-station.ts';
import { builtCli } from './station.ts';

export const driveVariable = 'REVIER_E2E_DRIVE';

export default async function globalSetup(): Promise<void> {
  if (!existsSync(builtCli) || !existsSync(path.resolve('dist/renderer/index.html'))) {
    throw new Error('The app is not built: run `npm run build` before the end-to-end tests.');
  }
  process.env[driveVariable] = (await ensureStationDrive()).drive;
}
