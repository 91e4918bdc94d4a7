import { randomUUID } from 'crypto';
import { Pool } from 'pg';
import { newEvent } from '../testing/contract/helpers';
import { describeEventStoreContract } from '../testing/event-store-contract';
import { beginOpenAppend, postgresContractHooks } from '../testing/postgres-contract-hooks';
import { PostgresEventStore } from './postgres-event-store';
import { resolveTables } from './tables';

// Each suite gets a schema of its own in the per-run database (test/setup/global-setup.ts).
const schema = `es_contract_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
const tables = resolveTables({ schema });
let pool: Pool;

describeEventStoreContract(
  'PostgresEventStore',
  async () => {
    pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 12 });
    const store = new PostgresEventStore({ pool, schema });
    await store.migrate();
    return {
      store,
      dispose: async () => {
        await pool.query(`DROP SCHEMA "${schema}" CASCADE`);
        await pool.end();
      },
    };
  },
  postgresContractHooks(() => pool, tables),
);

describe('PostgresEventStore specifics', () => {
  const ownSchema = `es_specifics_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
  let store: PostgresEventStore;

  beforeAll(async () => {
    store = new PostgresEventStore({
      connectionString: process.env.DATABASE_URL!,
      schema: ownSchema,
    });
    await store.migrate();
  });

  afterAll(async () => {
    await store.pool.query(`DROP SCHEMA "${ownSchema}" CASCADE`);
    await store.close();
  });

  it('rejects an event id already stored in another stream with EVENT_ID_CONFLICT', async () => {
    const event = newEvent();
    await store.appendToStream('order-1', [event], 'no_stream');

    await expect(store.appendToStream('order-2', [event], 'no_stream')).rejects.toMatchObject({
      code: 'EVENT_ID_CONFLICT',
      conflictingEventIds: [event.eventId],
    });
    expect(await store.readStream('order-2')).toEqual([]);
  });

  it('keeps stores with different table prefixes apart in one schema', async () => {
    const other = new PostgresEventStore({
      pool: store.pool,
      schema: ownSchema,
      tablePrefix: 'other_',
    });
    await other.migrate();
    await other.appendToStream('order-9', [newEvent()], 'no_stream');

    expect(await store.readStream('order-9')).toEqual([]);
    expect(await other.readStream('order-9')).toHaveLength(1);
    await other.close();
    expect(await store.readStream('order-1')).toHaveLength(1); // the shared pool is still usable
  });

  it('consumes no global position when the compare-and-set fails', async () => {
    await store.appendToStream('gap-1', [newEvent()], 'no_stream');
    await expect(store.appendToStream('gap-1', [newEvent()], 'no_stream')).rejects.toMatchObject({
      code: 'WRONG_EXPECTED_VERSION',
    });
    await store.appendToStream('gap-1', [newEvent()], 0);

    const { rows } = await store.pool.query<{ positions: string[] }>(
      `SELECT array_agg(global_position::text ORDER BY global_position) AS positions
       FROM ${store.tables.events} WHERE stream_name = 'gap-1'`,
    );
    const [a, b] = rows[0].positions.map(Number);
    expect(b - a).toBe(1);
  });

  it('makes a second writer of a stream wait before it has a transaction id', async () => {
    // The advisory lock is why per-stream order and readAll (transaction id) order agree.
    const open = await beginOpenAppend(store.pool, store.tables, 'order-wait', [newEvent()], 'any');
    const second = newEvent();
    const appending = store.appendToStream('order-wait', [second], 'any');
    let waiting: { backend_xid: string | null }[] = [];
    for (let i = 0; i < 500 && waiting.length === 0; i++) {
      ({ rows: waiting } = await store.pool.query(
        `SELECT backend_xid::text FROM pg_stat_activity
         WHERE wait_event_type = 'Lock' AND wait_event = 'advisory' AND position($1 IN query) > 0`,
        [store.tables.events],
      ));
      if (waiting.length === 0) await new Promise((resolve) => setTimeout(resolve, 2));
    }
    await open.commit();

    expect(waiting).toEqual([{ backend_xid: null }]);
    expect(await appending).toMatchObject({ status: 'appended', nextExpectedVersion: 1 });
    const events = await store.readStream('order-wait');
    expect(events[0].checkpoint < events[1].checkpoint).toBe(true);
  });

  it('reads all events with an index scan in commit order', async () => {
    const { rows } = await store.pool.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN SELECT global_position FROM ${store.tables.events}
       WHERE (transaction_id, global_position) > ('0'::xid8, 0)
         AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
       ORDER BY transaction_id, global_position LIMIT 100`,
    );
    expect(rows.map((r) => r['QUERY PLAN']).join('\n')).toContain('events_commit_order_idx');
  });

  it('reports every append statement to its observer with operation, outcome and time', async () => {
    const seen: Array<[string, string, number]> = [];
    const observed = new PostgresEventStore({
      pool: store.pool,
      schema: ownSchema,
      observeAppend: (operation, outcome, seconds) => seen.push([operation, outcome, seconds]),
    });
    await observed.appendToStream('observed-1', [newEvent()], 'no_stream');
    await expect(
      observed.appendToStream('observed-1', [newEvent()], 'no_stream'),
    ).rejects.toMatchObject({ code: 'WRONG_EXPECTED_VERSION' });
    await observed.appendToStreams([
      { streamName: 'observed-2', events: [newEvent()], expected: 'any' },
      { streamName: 'observed-3', events: [newEvent()], expected: 'any' },
    ]);

    expect(seen.map(([operation, outcome]) => [operation, outcome])).toEqual([
      ['append', 'ok'],
      ['append', 'conflict'],
      ['append_multi', 'ok'],
    ]);
    for (const [, , seconds] of seen) {
      expect(seconds).toBeGreaterThan(0);
      expect(seconds).toBeLessThan(10);
    }
  });

  it('counts an event committed behind an open transaction as backlog', async () => {
    // readAll cannot return it yet (it stops at the open transaction): a relay is behind.
    const category = `backlog${randomUUID().replace(/-/g, '').slice(0, 8)}`;
    const open = await beginOpenAppend(
      store.pool,
      store.tables,
      `${category}-open`,
      [newEvent()],
      'any',
    );
    await store.appendToStream(`${category}-later`, [newEvent()], 'any');
    try {
      expect((await store.readAll(null, 10, { categories: [category] })).events).toEqual([]);
      expect((await store.backlog(null, { categories: [category] })).events).toBe(1);
    } finally {
      await open.commit();
    }
    expect((await store.backlog(null, { categories: [category] })).events).toBe(2);
  });

  it('rejects unsafe schema and prefix names before building any SQL', () => {
    expect(() => resolveTables({ schema: 'x"; DROP TABLE y; --' })).toThrow('invalid schema name');
    expect(() => resolveTables({ tablePrefix: 'Bad-Prefix' })).toThrow('invalid table prefix');
  });
});
