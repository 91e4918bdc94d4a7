import { Pool, PoolClient } from 'pg';

/**
 * Exactly-once effects for consumers that write to PostgreSQL: the event id is recorded in the
 * same transaction as the effect, so a redelivered message finds its id and changes nothing, and a
 * crash before commit leaves neither. (Consumers that append to the event store get the same from
 * deterministic event ids instead: a re-append reports `already_applied`.)
 */
export class ProcessedEvents {
  constructor(
    private readonly pool: Pool,
    private readonly consumer: string,
  ) {}

  async ensureTable(): Promise<void> {
    const client = await this.pool.connect();
    try {
      // Concurrent CREATE TABLE IF NOT EXISTS can collide in the catalog; serialize replicas.
      await client.query('BEGIN');
      await client.query("SELECT pg_advisory_xact_lock(hashtext('processed_events ddl'))");
      await client.query(`CREATE TABLE IF NOT EXISTS processed_events (
        consumer text NOT NULL,
        event_id text NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, event_id)
      )`);
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  /** Runs `effect` unless this consumer already processed `eventId`; true when it ran now. */
  async once(eventId: string, effect: (tx: PoolClient) => Promise<void>): Promise<boolean> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      // A concurrent duplicate blocks here on the primary key until the first commits, then skips.
      const { rowCount } = await client.query(
        'INSERT INTO processed_events (consumer, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING',
        [this.consumer, eventId],
      );
      if (rowCount === 0) {
        await client.query('ROLLBACK');
        return false;
      }
      await effect(client);
      await client.query('COMMIT');
      return true;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }
}
