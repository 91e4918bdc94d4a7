import { EventEmitter } from 'events';
import { Pool } from 'pg';
import {
  supportsBacklog,
  type Backlog,
  type EventStore,
  type RecordedEvent,
  IdlePoll,
  type IdlePollOptions,
} from '@inventory/event-store';
import { PgProjection } from './pg-projection';
import { waitForCheckpoint } from '../runner-signals';

export interface PgProjectionRunnerOptions {
  projection: PgProjection;
  store: EventStore;
  pool: Pool;
  batchSize?: number;
  /** Waits between reads that found nothing (IdlePoll: 25 ms backing off to 100 ms). */
  idlePoll?: IdlePollOptions;
  onError?: (err: unknown) => void;
}

const CHECKPOINTS = `CREATE TABLE IF NOT EXISTS rm_checkpoints (
  projection text PRIMARY KEY,
  checkpoint text NOT NULL DEFAULT '',
  updated_at timestamptz NOT NULL DEFAULT now()
)`;

/**
 * Feeds a PostgreSQL projection. Each page is applied in one transaction that first locks the
 * projection's checkpoint row: events at or before the stored checkpoint are dropped, the rest
 * applied, the checkpoint moved. Replicas running the same projection therefore serialize on the
 * row and never apply an event twice; a crash rolls back the page and its checkpoint together.
 */
export class PgProjectionRunner extends EventEmitter {
  private running = false;
  private loop?: Promise<void>;
  private readonly idler: IdlePoll;
  private ready?: Promise<void>;
  private lastApplied: string | null = null;
  /**
   * Where the next read starts: the checkpoint the last page left stored, so a running runner
   * does not select it before every page. Unknown (undefined) at start and after a failure or a
   * reset; then selected.
   */
  private position?: string | null;
  private readonly batchSize: number;

  constructor(private readonly options: PgProjectionRunnerOptions) {
    super();
    this.idler = new IdlePoll(options.idlePoll);
    this.batchSize = options.batchSize ?? 1000;
  }

  get name(): string {
    return this.options.projection.name;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.idler.wake();
    await this.loop;
  }

  notify(): void {
    this.idler.wake();
  }

  async storedCheckpoint(): Promise<string | null> {
    await this.setup();
    const { rows } = await this.options.pool.query<{ checkpoint: string }>(
      'SELECT checkpoint FROM rm_checkpoints WHERE projection = $1',
      [this.name],
    );
    return rows[0]?.checkpoint || null;
  }

  /** Events of the projection's categories committed after its stored checkpoint. */
  async lag(): Promise<Backlog> {
    const { store, projection } = this.options;
    if (!supportsBacklog(store)) throw new Error('the event store cannot count a backlog');
    return store.backlog(await this.storedCheckpoint(), { categories: projection.categories });
  }

  waitFor(checkpoint: string, timeoutMs = 30000): Promise<void> {
    return waitForCheckpoint(this, this.lastApplied, checkpoint, timeoutMs, this.name);
  }

  /** Applies everything committed so far, reading the next page while applying the current one. */
  async catchUp(onBatch?: (applied: number) => void): Promise<number> {
    await this.setup();
    const read = (from: string | null) => {
      const page = this.options.store.readAll(from, this.batchSize, {
        categories: this.options.projection.categories,
      });
      // The next page is read while this one is applied: if applying fails first, the read's
      // own failure (e.g. the connection terminated under both) must not be an unhandled
      // rejection, which ends the process. It is still thrown where the page is awaited.
      page.catch(() => undefined);
      return page;
    };
    let from = await this.storedCheckpoint();
    let pending = read(from);
    let total = 0;
    for (;;) {
      const page = await pending;
      if (page.events.length === 0) {
        this.lastApplied = this.lastApplied ?? from;
        return total;
      }
      const readFrom = from;
      from = page.checkpoint;
      pending = read(from);
      const applied = await this.apply(readFrom, page.events);
      if (applied === undefined) {
        // The stored checkpoint went back (a rebuild elsewhere): start over from it.
        await pending.catch(() => undefined);
        from = await this.storedCheckpoint();
        pending = read(from);
        continue;
      }
      total += applied.count;
      onBatch?.(total);
    }
  }

  /** Truncates the projection's tables, resets its checkpoint and replays every event. */
  async rebuild(onBatch?: (applied: number) => void): Promise<number> {
    await this.setup();
    const { pool, projection } = this.options;
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT 1 FROM rm_checkpoints WHERE projection = $1 FOR UPDATE', [
        this.name,
      ]);
      if (projection.tables.length) await client.query(`TRUNCATE ${projection.tables.join(', ')}`);
      await client.query(
        `UPDATE rm_checkpoints SET checkpoint = '', updated_at = now() WHERE projection = $1`,
        [this.name],
      );
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
    this.lastApplied = null;
    return this.catchUp(onBatch);
  }

  private setup(): Promise<void> {
    this.ready ??= (async () => {
      const client = await this.options.pool.connect();
      try {
        // Serialize DDL across replicas starting together.
        await client.query('BEGIN');
        await client.query("SELECT pg_advisory_xact_lock(hashtext('rm-setup'))");
        await client.query(CHECKPOINTS);
        await this.options.projection.setup(client);
        await client.query(
          'INSERT INTO rm_checkpoints (projection) VALUES ($1) ON CONFLICT (projection) DO NOTHING',
          [this.name],
        );
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        this.ready = undefined;
        throw err;
      } finally {
        client.release();
      }
    })();
    return this.ready;
  }

  /**
   * Applies events read after `from`: how many were new and the checkpoint stored afterwards, or
   * undefined (nothing applied) if the stored checkpoint is before `from`.
   */
  private async apply(
    from: string | null,
    events: RecordedEvent[],
  ): Promise<{ count: number; last: string } | undefined> {
    const client = await this.options.pool.connect();
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<{ checkpoint: string }>(
        'SELECT checkpoint FROM rm_checkpoints WHERE projection = $1 FOR UPDATE',
        [this.name],
      );
      const stored = rows[0]?.checkpoint ?? '';
      if (stored < (from ?? '')) {
        await client.query('ROLLBACK');
        return undefined;
      }
      const fresh = events.filter((e) => e.checkpoint > stored);
      if (fresh.length > 0) {
        await this.options.projection.apply(client, fresh);
        await client.query(
          'UPDATE rm_checkpoints SET checkpoint = $2, updated_at = now() WHERE projection = $1',
          [this.name, fresh[fresh.length - 1].checkpoint],
        );
      }
      await client.query('COMMIT');
      const last = fresh.length ? fresh[fresh.length - 1].checkpoint : stored;
      this.lastApplied = last;
      this.emit('applied', last);
      return { count: fresh.length, last };
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        const read = await this.applyNextBatch();
        if (read === 0) {
          this.emit('caught-up', this.lastApplied);
          await this.idler.afterEmpty();
        } else if (read < this.batchSize) {
          // Caught up when it read: wait for an append (or the poll) instead of an empty read.
          await this.idler.afterPartial();
        } else {
          this.idler.reset();
        }
      } catch (err) {
        this.position = undefined;
        this.options.onError?.(err);
        this.emit('failure', err);
        await this.idler.sleep(500);
      }
    }
  }

  /** Reads a page after the position and applies it; returns how many events it read. */
  private async applyNextBatch(): Promise<number> {
    const { store, projection } = this.options;
    if (this.position === undefined) this.position = await this.storedCheckpoint();
    const from = this.position;
    const { events } = await store.readAll(from, this.batchSize, {
      categories: projection.categories,
    });
    if (events.length === 0) {
      this.lastApplied = from;
      return 0;
    }
    const applied = await this.apply(from, events);
    // undefined: the stored checkpoint is behind the position; the next read starts from it.
    this.position = applied === undefined ? undefined : applied.last || null;
    return applied === undefined ? this.batchSize : events.length;
  }
}
