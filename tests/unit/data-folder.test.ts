import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { databaseFile, resolveDataFolder } from '../../electron/core/data-folder.ts';

describe('data folder', () => {
  it('takes --data first, then REVIER_DATA, then the app-data folder', () => {
    expect(resolveDataFolder('station', { REVIER_DATA: '/srv/other' })).toBe(path.resolve('station'));
    expect(resolveDataFolder(undefined, { REVIER_DATA: '/srv/revier' })).toBe('/srv/revier');
    expect(resolveDataFolder(undefined, { XDG_DATA_HOME: '/home/pk/.data' })).toBe('/home/pk/.data/Revier');
    expect(resolveDataFolder(undefined, {})).toBe(path.join(os.homedir(), '.local', 'share', 'Revier'));
  });

  it('ignores an empty REVIER_DATA', () => {
    expect(resolveDataFolder(undefined, { REVIER_DATA: '', XDG_DATA_HOME: '/x' })).toBe('/x/Revier');
  });

  it('keeps the database in the data folder', () => {
    expect(databaseFile('/srv/revier')).toBe('/srv/revier/revier.sqlite');
  });
});
