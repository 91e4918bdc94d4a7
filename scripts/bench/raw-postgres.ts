import { randomBytes } from 'crypto';
import { Client, Pool } from 'pg';

export interface PgInsertOptions {
  databaseUrl: string;
  /** Concurrent connections, each inserting one row per statement, one after another. */
  connections: number;
  /** Rows in all, shared out over the connections. */
  rows: number;
}

/**
 * PostgreSQL's single-row insert rate: each connection sends `INSERT ... VALUES (...)` in
 * autocommit (so one WAL flush per row, as one event-store append commits one transaction),
 * into a scratch table shaped like an event row (bigserial key, stream id, type, JSON payload),
 * which is dropped afterwards.
 */
export async function pgSingleRowInserts(o: PgInsertOptions): Promise<{ rowsPerSecond: number }> {
  const table = `bench_raw_insert_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: o.databaseUrl });
  await admin.connect();
  const pool = new Pool({ connectionString: o.databaseUrl, max: o.connections });
  try {
    await admin.query(
      `CREATE TABLE ${table} (id bigserial PRIMARY KEY, stream_id text NOT NULL, type text NOT NULL, data jsonb NOT NULL)`,
    );
    const clients = await Promise.all(Array.from({ length: o.connections }, () => pool.connect()));
    const payload = JSON.stringify({ sku: 'BENCH-0001', source_code: 'wh-1', quantity: 10 });
    const perClient = Math.ceil(o.rows / o.connections);
    const started = performance.now();
    await Promise.all(
      clients.map(async (c, i) => {
        for (let k = 0; k < perClient; k++) {
          await c.query({
            name: 'bench-raw-insert',
            text: `INSERT INTO ${table} (stream_id, type, data) VALUES ($1, $2, $3)`,
            values: [`bench-${i}-${k}`, 'source_item_saved', payload],
          });
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    clients.forEach((c) => c.release());
    return { rowsPerSecond: (perClient * o.connections) / seconds };
  } finally {
    await pool.end();
    await admin.query(`DROP TABLE IF EXISTS ${table}`).catch(() => undefined);
    await admin.end();
  }
}
