// The station database: SQLite through TypeORM on better-sqlite3, migrations only, WAL and
// foreign keys on. Transactions are queued so that two callers never interleave on the one
// connection (better-sqlite3 is synchronous; TypeORM would nest them as savepoints).
import { DataSource, type EntityManager } from 'typeorm';
import { AuditEntryEntity } from './entities/audit-entry.ts';
import { SettingEntity } from './entities/setting.ts';
import { migrations } from './migrations/index.ts';

export const entities = [SettingEntity, AuditEntryEntity];

export interface Database {
  readonly dataSource: DataSource;
  /** Runs `work` in one transaction, after every transaction queued before it. */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T>;
  /** Name of the newest applied migration and how many are applied. */
  schemaVersion(): Promise<{ schemaVersion: string; migrations: number }>;
  close(): Promise<void>;
}

export function createDataSource(file: string): DataSource {
  return new DataSource({
    type: 'better-sqlite3',
    database: file,
    entities,
    migrations,
    migrationsTableName: 'migration',
    migrationsTransactionMode: 'each',
    synchronize: false,
    enableWAL: true,
    logging: false,
  });
}

export async function openDatabase(file: string): Promise<Database> {
  const dataSource = createDataSource(file);
  await dataSource.initialize();
  await dataSource.runMigrations();
  let queue: Promise<unknown> = Promise.resolve();
  return {
    dataSource,
    transaction(work) {
      const run = queue.then(() => dataSource.transaction(work));
      queue = run.catch(() => undefined);
      return run;
    },
    async schemaVersion() {
      const rows: { name: string }[] = await dataSource.query('SELECT name FROM migration ORDER BY id');
      return { schemaVersion: rows.at(-1)?.name ?? 'none', migrations: rows.length };
    },
    async close() {
      await queue;
      await dataSource.destroy();
    },
  };
}
