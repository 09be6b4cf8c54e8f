import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core.ts';
import { SettingEntity } from '../../electron/db/entities/setting.ts';
import { defaultSettings } from '../../shared/api/settings.ts';
import { adminActor, dpoActor, openTestCore, testActor } from '../support/core.ts';
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
      investigatorScope: 'cases',
      screenLockMinutes: 10,
      loginAttemptsBeforeLock: 5,
      loginLockMinutes: 15,
    });
  });

  it('changes the marker categories as a list, audited once, and refuses repeats', async () => {
    core = await openTestCore(tempFolder());
    await core.settings.update(adminActor, { markerCategories: ['Widerstand', 'Sonstiges'] });
    expect((await core.settings.get()).markerCategories).toEqual(['Widerstand', 'Sonstiges']);
    const entries = await core.db.dataSource.query("SELECT count(*) AS n FROM audit_entry WHERE event = 'settings.update'");
    await core.settings.update(adminActor, { markerCategories: ['Widerstand', 'Sonstiges'] });
    expect(await core.db.dataSource.query("SELECT count(*) AS n FROM audit_entry WHERE event = 'settings.update'")).toEqual(entries);
    await expect(core.settings.update(adminActor, { markerCategories: ['A', 'A'] })).rejects.toMatchObject({ code: 'invalid_request' });
  });

  it('stores a change, keeps it across restarts and audits old and new value', async () => {
    const dataFolder = tempFolder();
    core = await openTestCore(dataFolder);
    await core.settings.update(adminActor, { retentionDays: 30, stationDrive: '/mnt/revier' });
    await core.close();
    core = await openTestCore(dataFolder);
    expect(await core.settings.get()).toMatchObject({ retentionDays: 30, stationDrive: '/mnt/revier', language: 'de' });
    const [entry] = (await core.auditReports.query(dpoActor, { page: 1, pageSize: 1 })).entries;
    expect(entry).toMatchObject({
      action: 'alteration',
      target: 'settings',
      event: 'settings.update',
      actor: adminActor,
      details: { changes: { retentionDays: { from: 28, to: 30 }, stationDrive: { from: '', to: '/mnt/revier' } } },
    });
  });

  it('lets only an administrator (or the station) change settings, but everyone the language', async () => {
    core = await openTestCore(tempFolder());
    for (const role of ['supervisor', 'investigator', 'trainer', 'dpo'] as const) {
      const actor = { ...testActor, role };
      await expect(core.settings.update(actor, { retentionDays: 14 })).rejects.toMatchObject({ code: 'forbidden', message: expect.stringContaining('settings.change') });
      await expect(core.settings.update(actor, { language: 'en', retentionDays: 14 })).rejects.toMatchObject({ code: 'forbidden' });
    }
    expect((await core.settings.get()).retentionDays).toBe(defaultSettings.retentionDays);
    const refusals = (await core.db.dataSource.query("SELECT role, event, target FROM audit_entry WHERE event = 'access.denied' ORDER BY sequence")) as { role: string }[];
    expect(refusals).toHaveLength(8);
    expect(refusals[0]).toEqual({ role: 'supervisor', event: 'access.denied', target: 'settings' });
    expect(await core.settings.update(testActor, { language: 'en' })).toMatchObject({ language: 'en' });
    expect(await core.settings.update({ ...testActor, role: 'system' }, { retentionDays: 14 })).toMatchObject({ retentionDays: 14 });
  });

  it('writes no audit entry when nothing changes', async () => {
    core = await openTestCore(tempFolder());
    await core.settings.update(adminActor, { retentionDays: defaultSettings.retentionDays });
    expect(await core.auditReports.verify(dpoActor)).toEqual({ intact: true, entries: 0 });
  });

  it.each([
    [{ retentionDays: 0 }, /retentionDays/],
    [{ retentionDays: 2.5 }, /retentionDays/],
    [{ language: 'fr' }, /language/],
    [{ unknownKey: 1 }, /unknownKey|Unrecognized/],
  ])('refuses the invalid change %j and stores nothing', async (patch, message) => {
    core = await openTestCore(tempFolder());
    await expect(core.settings.update(adminActor, patch as never)).rejects.toMatchObject({
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
