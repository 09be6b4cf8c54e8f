// The station settings: stored one row per key, defaults from the BW profile, every change
// validated against the contract schema and written together with its audit entry.
import type { EntityManager } from 'typeorm';
import type { Actor } from '../../../shared/api/actor.ts';
import {
  SettingsPatchSchema,
  SettingsSchema,
  defaultSettings,
  settingKeys,
  type SettingKey,
  type Settings,
  type SettingsPatch,
} from '../../../shared/api/settings.ts';
import { SettingEntity } from '../../db/entities/setting.ts';
import type { Database } from '../../db/database.ts';
import type { CoreEvents } from '../core-events.ts';
import type { Access } from '../governance/access.ts';
import type { AuditService } from '../governance/audit-service.ts';
import { ServiceError } from '../service-error.ts';

export class SettingsService {
  readonly #db: Database;
  readonly #audit: AuditService;
  readonly #access: Access;
  readonly #events: CoreEvents;

  constructor(db: Database, audit: AuditService, access: Access, events: CoreEvents) {
    this.#db = db;
    this.#audit = audit;
    this.#access = access;
    this.#events = events;
  }

  get(): Promise<Settings> {
    return this.#read(this.#db.dataSource.manager);
  }

  async #read(manager: EntityManager): Promise<Settings> {
    const rows = await manager.getRepository(SettingEntity).find();
    const stored: Record<string, unknown> = {};
    for (const row of rows) {
      if (!settingKeys.includes(row.key as SettingKey)) continue;
      try {
        stored[row.key] = JSON.parse(row.value);
      } catch {
        throw new ServiceError('internal', `Stored setting "${row.key}" is not valid JSON`);
      }
    }
    const parsed = SettingsSchema.safeParse({ ...defaultSettings, ...stored });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ServiceError('internal', `Stored setting "${issue?.path.join('.')}" is invalid: ${issue?.message}`);
    }
    return parsed.data;
  }

  /**
   * Applies a validated change; unchanged values write nothing and log nothing. Everyone signed
   * in may switch the interface language; everything else is the administrator's.
   */
  async update(actor: Actor, patch: SettingsPatch): Promise<Settings> {
    const checked = SettingsPatchSchema.safeParse(patch);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      throw new ServiceError('invalid_request', `Invalid setting "${issue?.path.join('.')}": ${issue?.message}`);
    }
    if (Object.keys(checked.data).some((key) => key !== 'language')) await this.#access.require(actor, 'settings.change', 'settings');
    const updated = await this.#db.transaction(async (manager) => {
      const current = await this.#read(manager);
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      const now = new Date().toISOString();
      for (const key of settingKeys) {
        const value = checked.data[key];
        if (value === undefined || JSON.stringify(value) === JSON.stringify(current[key])) continue;
        changes[key] = { from: current[key], to: value };
        await manager.getRepository(SettingEntity).save({ key, value: JSON.stringify(value), updatedAt: now });
      }
      if (Object.keys(changes).length === 0) return null;
      await this.#audit.append(manager, actor, {
        action: 'alteration',
        target: 'settings',
        event: 'settings.update',
        details: { changes },
      });
      return { ...current, ...checked.data };
    });
    if (updated === null) return this.get();
    this.#events.emit('settings.changed', updated);
    return updated;
  }
}
