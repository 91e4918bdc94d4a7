import { Pool, PoolClient } from 'pg';

/**
 * Where a relay remembers how far it published. It lives in the service's own PostgreSQL next to
 * the events, and is written only after Kafka acknowledged the batch it covers.
 */
export class RelayCheckpointStore {
  constructor(private readonly pool: Pool) {}

  /**
   * Replicas start together; concurrent CREATE TABLE IF NOT EXISTS can still fail on PostgreSQL's
   * catalog unique index, so the DDL runs under a transaction-scoped advisory lock.
   */
  async ensureTable(): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query("SELECT pg_advisory_xact_lock(hashtext('relay_checkpoints ddl'))");
      await client.query(
        `CREATE TABLE IF NOT EXISTS relay_checkpoints (
           relay_name text PRIMARY KEY,
           checkpoint text NOT NULL,
           updated_at timestamptz NOT NULL DEFAULT now()
         )`,
      );
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  async load(relayName: string): Promise<string | null> {
    const { rows } = await this.pool.query<{ checkpoint: string }>(
      'SELECT checkpoint FROM relay_checkpoints WHERE relay_name = $1',
      [relayName],
    );
    return rows[0]?.checkpoint ?? null;
  }

  /** Only moves forward: a stale writer (e.g. a deposed leader) can never rewind the checkpoint. */
  async save(relayName: string, checkpoint: string): Promise<void> {
    await this.pool.query(
      `INSERT INTO relay_checkpoints (relay_name, checkpoint) VALUES ($1, $2)
       ON CONFLICT (relay_name) DO UPDATE SET checkpoint = EXCLUDED.checkpoint, updated_at = now()
       WHERE relay_checkpoints.checkpoint < EXCLUDED.checkpoint`,
      [relayName, checkpoint],
    );
  }

  /**
   * One active relay per name across replicas: a session advisory lock held on a dedicated
   * connection. If the process dies, PostgreSQL drops the session and another replica takes over.
   */
  async tryLead(relayName: string): Promise<PoolClient | undefined> {
    const client = await this.pool.connect();
    try {
      const { rows } = await client.query<{ locked: boolean }>(
        "SELECT pg_try_advisory_lock(hashtext('relay:' || $1)) AS locked",
        [relayName],
      );
      if (rows[0]?.locked) return client;
      client.release();
      return undefined;
    } catch (err) {
      client.release(true);
      throw err;
    }
  }
}
