import { Pool } from 'pg';
import type { EventStore, IdlePollOptions, RecordedEvent } from '@inventory/event-store';
import { PgProjection } from './pg-projection';
import { AppliedPage, StoreFollower } from '../store-follower';

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
export class PgProjectionRunner extends StoreFollower {
  private ready?: Promise<void>;

  constructor(private readonly options: PgProjectionRunnerOptions) {
    super({ ...options, categories: options.projection.categories });
  }

  get name(): string {
    return this.options.projection.name;
  }

  async storedCheckpoint(): Promise<string | null> {
    await this.setup();
    const { rows } = await this.options.pool.query<{ checkpoint: string }>(
      'SELECT checkpoint FROM rm_checkpoints WHERE projection = $1',
      [this.name],
    );
    return rows[0]?.checkpoint || null;
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
    this.forgetApplied();
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
  protected async applyPage(
    from: string | null,
    events: RecordedEvent[],
  ): Promise<AppliedPage | undefined> {
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
      return { count: fresh.length, last };
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }
}
