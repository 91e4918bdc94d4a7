import { Pool, type PoolConfig } from 'pg';
import type { Checkpoint } from '../port/checkpoint';
import type { NewEvent, RecordedEvent } from '../port/events';
import type {
  AppendResult,
  Backlog,
  BacklogOptions,
  EventStore,
  ReadAllOptions,
  ReadAllResult,
  ReadStreamOptions,
  StreamAppend,
} from '../port/event-store';
import type { ExpectedVersion } from '../port/expected-version';
import {
  prepareAppend,
  validateBacklog,
  validateReadAll,
  validateReadStream,
} from '../port/validate';
import { prepareMultiStreamAppend } from '../port/multi-stream-append';
import { appendPrepared } from './append';
import { appendMultiPrepared } from './append-multi';
import { backlogRows } from './backlog';
import { migrate, type MigrationReport } from './migrate';
import { logPoolErrors, type PoolErrorLog } from './pool-errors';
import { readAllRows, readFirstRows, readStreamRows } from './read';
import { resolveTables, type PostgresTableOptions, type PostgresTables } from './tables';

/** `append`: one stream; `append_multi`: one appendToStreams call (e.g. a group commit). */
export type AppendOperation = 'append' | 'append_multi';
/** `ok` (appended or already applied), `conflict` (wrong expected version), `error`. */
export type AppendOutcome = 'ok' | 'conflict' | 'error';
/** Called once per append statement with its round-trip time; keep it as cheap as a histogram observe. */
export type AppendObserver = (
  operation: AppendOperation,
  outcome: AppendOutcome,
  seconds: number,
) => void;

export interface PostgresEventStoreHooks {
  observeAppend?: AppendObserver;
}

export interface SharedPoolOptions extends PostgresTableOptions, PostgresEventStoreHooks {
  /** A pool owned by the caller; the store never ends it. */
  pool: Pool;
}

export interface OwnPoolOptions extends PostgresTableOptions, PostgresEventStoreHooks {
  /** The store creates its own pool and ends it on close(). */
  connectionString: string;
  poolConfig?: PoolConfig;
  /** Where the pool reports a lost idle connection (default: a line on stderr). */
  onPoolError?: PoolErrorLog;
}

export type PostgresEventStoreOptions = SharedPoolOptions | OwnPoolOptions;

/**
 * Event store on PostgreSQL (13 or newer: it needs xid8 and pg_current_snapshot()).
 * Run `migrate()` (or the CLI) before the first append. Size the pool for the number of
 * concurrent appends you expect: each append holds a connection for one round trip.
 */
export class PostgresEventStore implements EventStore {
  readonly tables: PostgresTables;
  readonly pool: Pool;
  private readonly ownsPool: boolean;
  private readonly observeAppend?: AppendObserver;

  constructor(options: PostgresEventStoreOptions) {
    this.tables = resolveTables(options);
    this.observeAppend = options.observeAppend;
    if ('pool' in options) {
      this.pool = options.pool;
      this.ownsPool = false;
    } else {
      this.pool = logPoolErrors(
        new Pool({ ...options.poolConfig, connectionString: options.connectionString }),
        options.onPoolError,
      );
      this.ownsPool = true;
    }
  }

  /** Applies pending migrations of this store's schema and prefix. */
  migrate(): Promise<MigrationReport> {
    return migrate(this.pool, { schema: this.tables.schema, tablePrefix: this.tables.prefix });
  }

  async appendToStream(
    streamName: string,
    events: readonly NewEvent[],
    expected: ExpectedVersion,
  ): Promise<AppendResult> {
    const prepared = prepareAppend(streamName, events, expected);
    const started = performance.now();
    return this.timed('append', started, appendPrepared(this.pool, this.tables, prepared));
  }

  /**
   * One statement for the whole call. It holds one advisory lock per stream until it commits,
   * and PostgreSQL's shared lock table (max_locks_per_transaction x connections) is shared by
   * all sessions: keep streams per call x concurrent callers well below it.
   */
  async appendToStreams(appends: ReadonlyArray<StreamAppend>): Promise<AppendResult[]> {
    const prepared = prepareMultiStreamAppend(appends);
    if (prepared.length === 0) return [];
    const started = performance.now();
    const pending = appendMultiPrepared(this.pool, this.tables, prepared);
    return this.timed('append_multi', started, pending);
  }

  async readStream(streamName: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    const { fromVersion, maxCount } = validateReadStream(streamName, options);
    return readStreamRows(this.pool, this.tables, streamName, fromVersion, maxCount);
  }

  async readFirstEvents(streamNames: readonly string[]): Promise<Map<string, RecordedEvent>> {
    for (const name of streamNames) validateReadStream(name, undefined);
    if (streamNames.length === 0) return new Map();
    const rows = await readFirstRows(this.pool, this.tables, streamNames);
    return new Map(rows.map((e) => [e.streamName, e]));
  }

  async readAll(
    after: Checkpoint | null,
    limit: number,
    options?: ReadAllOptions,
  ): Promise<ReadAllResult> {
    const { categories } = validateReadAll(after, limit, options);
    const events = await readAllRows(this.pool, this.tables, after, limit, categories);
    return { events, checkpoint: events.length ? events[events.length - 1].checkpoint : after };
  }

  async backlog(after: Checkpoint | null, options?: BacklogOptions): Promise<Backlog> {
    const { categories, max } = validateBacklog(after, options);
    return backlogRows(this.pool, this.tables, after, categories, max);
  }

  async close(): Promise<void> {
    if (this.ownsPool) await this.pool.end();
  }

  /** Reports the statement's round trip (argument checks excluded) to the observer, if any. */
  private async timed<T>(
    operation: AppendOperation,
    started: number,
    append: Promise<T>,
  ): Promise<T> {
    const observe = this.observeAppend;
    if (!observe) return append;
    try {
      const result = await append;
      observe(operation, 'ok', (performance.now() - started) / 1000);
      return result;
    } catch (err) {
      const conflict = (err as { code?: string }).code === 'WRONG_EXPECTED_VERSION';
      observe(operation, conflict ? 'conflict' : 'error', (performance.now() - started) / 1000);
      throw err;
    }
  }
}
