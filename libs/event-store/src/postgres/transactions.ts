import type { Pool, PoolClient } from 'pg';

/** Runs `work` in a transaction on one pooled connection: COMMIT after it, ROLLBACK on error. */
export async function withTransaction<T>(
  pool: Pool,
  work: (client: PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/**
 * Runs DDL (CREATE TABLE / INDEX IF NOT EXISTS) under a transaction-scoped advisory lock named
 * `name`: replicas starting together would otherwise collide in the catalog.
 */
export async function ensureTables(
  pool: Pool,
  name: string,
  statements: readonly string[],
): Promise<void> {
  await withTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${name} ddl`]);
    for (const sql of statements) await client.query(sql);
  });
}
