import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core.ts';
import { SettingEntity } from '../../electron/db/entities/setting.ts';
import { defaultSettings } from '../../shared/api/settings.ts';
import { openTestCore, testActor } from '../support/core.ts';
import { useTempFolders } from '../support/temp-folder.ts';

const tempFolder = useTempFolders();
let core: Core;
afterEach(() => core.close());

describe('settings service', () => {
  it('starts with the Baden-Württemberg defaults', async () => {
    core = await openTestCore(tempFolder());
    expect(await core.settings.get()).toEqual({
      stationDrive: '',
      retentionProfile: 'BW',
      retentionDays: 28,
      preRecordMaxSeconds: 60,
      auditLogRetention: 'end-of-following-year',
      language: 'de',
      markerCategories: ['Angriff auf Beamte', 'Widerstand', 'Beleidigung', 'Bedrohung', 'Körperverletzung', 'Sachbeschädigung', 'Verstoß BtMG', 'Entlastend', 'Sonstiges'],
      exportFolder: '',
      legalBasis: 'Übersendung an die Staatsanwaltschaft nach § 163 Abs. 2 StPO',
    });
  });

  it('changes the marker categories as a list, audited once, and refuses repeats', async () => {
    core = await openTestCore(tempFolder());
    await core.settings.update(testActor, { markerCategories: ['Widerstand', 'Sonstiges'] });
    expect((await core.settings.get()).markerCategories).toEqual(['Widerstand', 'Sonstiges']);
    const entries = await core.db.dataSource.query("SELECT count(*) AS n FROM audit_entry WHERE event = 'settings.update'");
    await core.settings.update(testActor, { markerCategories: ['Widerstand', 'Sonstiges'] });
    expect(await core.db.dataSource.query("SELECT count(*) AS n FROM audit_entry WHERE event = 'settings.update'")).toEqual(entries);
    await expect(core.settings.update(testActor, { markerCategories: ['A', 'A'] })).rejects.toMatchObject({ code: 'invalid_request' });
  });

  it('stores a change, keeps it across restarts and audits old and new value', async () => {
    const dataFolder = tempFolder();
    core = await openTestCore(dataFolder);
    await core.settings.update(testActor, { retentionDays: 30, stationDrive: '/mnt/revier' });
    await core.close();
    core = await openTestCore(dataFolder);
    expect(await core.settings.get()).toMatchObject({ retentionDays: 30, stationDrive: '/mnt/revier', language: 'de' });
    const [entry] = (await core.audit.list(testActor, 1, 2)).entries.slice(1);
    expect(entry).toMatchObject({
      action: 'alteration',
      target: 'settings',
      event: 'settings.update',
      actor: testActor,
      details: { changes: { retentionDays: { from: 28, to: 30 }, stationDrive: { from: '', to: '/mnt/revier' } } },
    });
  });

  it('writes no audit entry when nothing changes', async () => {
    core = await openTestCore(tempFolder());
    await core.settings.update(testActor, { retentionDays: defaultSettings.retentionDays });
    expect(await core.audit.verify(testActor)).toEqual({ intact: true, entries: 0 });
  });

  it.each([
    [{ retentionDays: 0 }, /retentionDays/],
    [{ retentionDays: 2.5 }, /retentionDays/],
    [{ language: 'fr' }, /language/],
    [{ unknownKey: 1 }, /unknownKey|Unrecognized/],
  ])('refuses the invalid change %j and stores nothing', async (patch, message) => {
    core = await openTestCore(tempFolder());
    await expect(core.settings.update(testActor, patch as never)).rejects.toMatchObject({
      code: 'invalid_request',
      message: expect.stringMatching(message),
    });
    expect(await core.settings.get()).toEqual(defaultSettings);
    expect(await core.db.dataSource.getRepository(SettingEntity).count()).toBe(0);
  });

  it('names a stored value that was corrupted outside the app', async () => {
    core = await openTestCore(tempFolder());
    await core.db.dataSource.query("INSERT INTO setting (key, value, updated_at) VALUES ('retentionDays', '\"many\"', 'x')");
    await expect(core.settings.get()).rejects.toThrow(/Stored setting "retentionDays" is invalid/);
  });
});
