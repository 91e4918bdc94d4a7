export * from './port';
export { InMemoryEventStore, type InMemoryEventStoreOptions } from './memory/in-memory-event-store';
export {
  PostgresEventStore,
  type PostgresEventStoreOptions,
  type AppendObserver,
  type AppendOperation,
  type AppendOutcome,
} from './postgres/postgres-event-store';
export { migrate, formatMigrationName, type MigrationReport } from './postgres/migrate';
export { MIGRATIONS, type Migration } from './postgres/migrations';
export { resolveTables, type PostgresTableOptions, type PostgresTables } from './postgres/tables';
export {
  KurrentDbEventStore,
  type KurrentDbEventStoreOptions,
} from './kurrentdb/kurrentdb-event-store';
export {
  runEventStoreBench,
  type EventStoreBenchOptions,
  type EventStoreBenchResult,
} from './bench/event-store.bench';
export { GroupCommitter } from './group-commit';
export { ensureTables, withTransaction } from './postgres/transactions';
export { logPoolErrors, type PoolErrorLog } from './postgres/pool-errors';
export { IdlePoll, type IdlePollOptions } from './idle-poll';
export { SharedReads } from './shared-reads';
