import { EntitySchema } from 'typeorm';

export interface SettingRow {
  key: string;
  /** The value as JSON text. */
  value: string;
  updatedAt: string;
}

export const SettingEntity = new EntitySchema<SettingRow>({
  name: 'Setting',
  tableName: 'setting',
  columns: {
    key: { type: 'text', primary: true },
    value: { type: 'text' },
    updatedAt: { type: 'text', name: 'updated_at' },
  },
});
