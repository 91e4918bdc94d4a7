import { randomUUID } from 'crypto';
import { Pool, PoolClient } from 'pg';
import { PostgresEventStore, RecordedEvent } from '@inventory/event-store';
import { PgProjection } from './pg-projection';
import { PgProjectionRunner } from './pg-projection-runner';

const id = randomUUID().slice(0, 8);
const table = `rm_levels_${id}`;
const category = `lvl${id}`;

/** Latest quantity per SKU and how many events touched it. */
const levels: PgProjection = {
  name: `levels-${id}`,
  categories: [category],
  tables: [table],
  async setup(client: PoolClient) {
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${table} (sku text PRIMARY KEY, qty numeric NOT NULL, touched int NOT NULL)`,
    );
  },
  async apply(client: PoolClient, events: RecordedEvent[]) {
    for (const e of events) {
      const { sku, qty } = e.data as { sku: string; qty: string };
      await client.query(
        `INSERT INTO ${table} (sku, qty, touched) VALUES ($1, $2, 1)
         ON CONFLICT (sku) DO UPDATE SET qty = EXCLUDED.qty, touched = ${table}.touched + 1`,
        [sku, qty],
      );
    }
  },
};

describe('PgProjectionRunner on real PostgreSQL', () => {
  const schema = `pgproj_${id}`;
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 8 });
  const store = new PostgresEventStore({ pool, schema });
  const dump = async () =>
    (await pool.query(`SELECT sku, qty::text, touched FROM ${table} ORDER BY sku`)).rows;

  beforeAll(async () => {
    await store.migrate();
    for (let s = 0; s < 10; s++) {
      await store.appendToStream(
        `${category}-${s}`,
        Array.from({ length: 30 }, (_, i) => ({
          eventId: randomUUID(),
          type: 'level_set',
          data: { sku: `SKU-${(s * 7 + i) % 13}`, qty: `${i}.5` },
        })),
        'no_stream',
      );
    }
  });

  afterAll(async () => {
    await pool.query(`DROP TABLE IF EXISTS ${table}`);
    await pool.query('DELETE FROM rm_checkpoints WHERE projection = $1', [levels.name]);
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pool.end();
  });

  it('applies each event once with two replicas, and a rebuild reproduces the same rows', async () => {
    const a = new PgProjectionRunner({ projection: levels, store, pool, batchSize: 17 });
    const b = new PgProjectionRunner({ projection: levels, store, pool, batchSize: 41 });
    expect((await a.lag()).events).toBe(300);
    await Promise.all([a.catchUp(), b.catchUp(), a.catchUp()]);
    expect(await b.lag()).toEqual({ events: 0, oldestAgeSeconds: 0 });
    const live = await dump();
    expect(live.reduce((n, r) => n + r.touched, 0)).toBe(300);
    expect(await a.rebuild()).toBe(300);
    expect(await dump()).toEqual(live);
  });

  it('follows new events when started, and signals the checkpoint it reached', async () => {
    const runner = new PgProjectionRunner({ projection: levels, store, pool });
    runner.start();
    const result = await store.appendToStream(
      `${category}-new`,
      [{ eventId: randomUUID(), type: 'level_set', data: { sku: 'NEW', qty: '7' } }],
      'no_stream',
    );
    if (result.status !== 'appended') throw new Error('expected an append');
    await runner.waitFor(result.checkpoint);
    await runner.stop();
    expect((await dump()).find((r) => r.sku === 'NEW')).toEqual({
      sku: 'NEW',
      qty: '7',
      touched: 1,
    });
  });

  it('a running runner whose projection is rebuilt elsewhere replays from the reset checkpoint', async () => {
    const runner = new PgProjectionRunner({ projection: levels, store, pool });
    /** Appends one level for `sku` and waits until the runner applied it. */
    const setAndWait = async (sku: string): Promise<void> => {
      const result = await store.appendToStream(
        `${category}-${sku}`,
        [{ eventId: randomUUID(), type: 'level_set', data: { sku, qty: '1' } }],
        'no_stream',
      );
      if (result.status !== 'appended') throw new Error('expected an append');
      runner.notify();
      await runner.waitFor(result.checkpoint);
    };
    runner.start();
    try {
      await setAndWait('BEFORE');
      // What a rebuild in another process does first: empty the tables, reset the checkpoint.
      await pool.query(`TRUNCATE ${table}`);
      await pool.query(`UPDATE rm_checkpoints SET checkpoint = '' WHERE projection = $1`, [
        levels.name,
      ]);
      await setAndWait('AFTER');
      // Every event applied again after the reset, not only the one appended after it.
      const rows = await dump();
      expect(rows.reduce((n, r) => n + r.touched, 0)).toBe(303);
    } finally {
      await runner.stop();
    }
  });
});
