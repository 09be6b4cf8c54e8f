// The station database: SQLite through TypeORM on better-sqlite3, migrations only, WAL and
// foreign keys on. Transactions are queued so that two callers never interleave on the one
// connection (better-sqlite3 is synchronous; TypeORM would nest them as savepoints).
import { DataSource, type EntityManager } from 'typeorm';
import { accessRequestEntities } from './entities/access-requests.ts';
import { accountEntities } from './entities/accounts.ts';
import { annotationEntities } from './entities/annotations.ts';
import { approvalEntities } from './entities/approvals.ts';
import { AuditEntryEntity } from './entities/audit-entry.ts';
import { ExportJobEntity } from './entities/exports.ts';
import { libraryEntities } from './entities/library.ts';
import { retentionEntities } from './entities/retention.ts';
import { SettingEntity } from './entities/setting.ts';
import { migrations } from './migrations/index.ts';

export const entities = [
  SettingEntity,
  AuditEntryEntity,
  ...libraryEntities,
  ...annotationEntities,
  ExportJobEntity,
  ...accountEntities,
  ...retentionEntities,
  ...approvalEntities,
  ...accessRequestEntities,
];

export interface Database {
  readonly dataSource: DataSource;
  /** Runs `work` in one transaction, after every transaction queued before it. */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T>;
  /** Runs `effect` once the transaction of `manager` has committed; never if it rolls back. */
  afterCommit(manager: EntityManager, effect: () => void): void;
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
  const pendingEffects = new WeakMap<EntityManager, (() => void)[]>();
  return {
    dataSource,
    transaction(work) {
      const run = queue.then(async () => {
        const effects: (() => void)[] = [];
        const result = await dataSource.transaction((manager) => {
          pendingEffects.set(manager, effects);
          return work(manager);
        });
        for (const effect of effects) effect();
        return result;
      });
      queue = run.catch(() => undefined);
      return run;
    },
    afterCommit(manager, effect) {
      const effects = pendingEffects.get(manager);
      if (!effects) throw new Error('afterCommit outside a transaction of this database');
      effects.push(effect);
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
