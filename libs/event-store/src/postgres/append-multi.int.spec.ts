import { randomUUID } from 'crypto';
import type { Pool } from 'pg';
import { decodeCheckpoint } from '../port/checkpoint';
import { newEvent } from '../testing/contract/helpers';
import { beginOpenAppend } from '../testing/postgres-contract-hooks';
import { PostgresEventStore } from './postgres-event-store';

describe('PostgresEventStore multi-stream append specifics', () => {
  const schema = `es_multi_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
  let store: PostgresEventStore;

  beforeAll(async () => {
    store = new PostgresEventStore({ connectionString: process.env.DATABASE_URL!, schema });
    await store.migrate();
  });

  afterAll(async () => {
    await store.pool.query(`DROP SCHEMA "${schema}" CASCADE`);
    await store.close();
  });

  /**
   * Backends waiting for an advisory lock of this store. pg_stat_activity shows only the first
   * track_activity_query_size bytes (1 kB) of a statement, and the lock key comes early.
   */
  async function advisoryWaiters(pool: Pool): Promise<{ backend_xid: string | null }[]> {
    for (let i = 0; i < 500; i++) {
      const { rows } = await pool.query(
        `SELECT backend_xid::text FROM pg_stat_activity
         WHERE wait_event_type = 'Lock' AND wait_event = 'advisory' AND position($1 IN query) > 0`,
        [`hashtext('${store.tables.key}')`],
      );
      if (rows.length > 0) return rows;
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    return [];
  }

  it('writes a whole call in one transaction, with positions in input order', async () => {
    const results = await store.appendToStreams(
      ['one-1', 'one-2', 'one-3'].map((streamName) => ({
        streamName,
        events: [newEvent(), newEvent()],
        expected: 'no_stream' as const,
      })),
    );

    const decoded = results.map((r) =>
      decodeCheckpoint(r.status === 'appended' ? r.checkpoint : ''),
    );
    expect(new Set(decoded.map((d) => d.major)).size).toBe(1);
    expect(decoded.map((d) => Number(d.minor - decoded[0].minor))).toEqual([0, 2, 4]);
  });

  it('rejects an event id stored in another stream with EVENT_ID_CONFLICT, writing nothing', async () => {
    const event = newEvent();
    await store.appendToStream('owner-1', [event], 'no_stream');

    await expect(
      store.appendToStreams([
        { streamName: 'other-1', events: [newEvent()], expected: 'any' },
        { streamName: 'other-2', events: [event], expected: 'any' },
      ]),
    ).rejects.toMatchObject({ code: 'EVENT_ID_CONFLICT', streamName: 'other-2' });
    expect(await store.readStream('other-1')).toEqual([]);
  });

  it('consumes no global position when a compare-and-set fails', async () => {
    await store.appendToStream('gapm-1', [newEvent()], 'no_stream');
    await expect(
      store.appendToStreams([
        { streamName: 'gapm-2', events: [newEvent(), newEvent()], expected: 'any' },
        { streamName: 'gapm-1', events: [newEvent()], expected: 'no_stream' },
      ]),
    ).rejects.toMatchObject({ code: 'WRONG_EXPECTED_VERSION', streamName: 'gapm-1' });
    await store.appendToStream('gapm-1', [newEvent()], 0);

    const [first, second] = await store.readStream('gapm-1');
    expect(
      decodeCheckpoint(second.checkpoint).minor - decodeCheckpoint(first.checkpoint).minor,
    ).toBe(1n);
  });

  it("waits without a transaction id for a writer of one of its streams, then sees the stream it created ('any')", async () => {
    const open = await beginOpenAppend(
      store.pool,
      store.tables,
      'late-s',
      [newEvent()],
      'no_stream',
    );
    const appending = store.appendToStreams([
      { streamName: 'late-a', events: [newEvent()], expected: 'any' },
      { streamName: 'late-s', events: [newEvent()], expected: 'any' },
      { streamName: 'late-z', events: [newEvent()], expected: 'no_stream' },
    ]);
    const waiting = await advisoryWaiters(store.pool);
    await open.commit();

    expect(waiting).toEqual([{ backend_xid: null }]);
    const results = await appending;
    expect(results.map((r) => r.nextExpectedVersion)).toEqual([0, 1, 0]);
    const events = await store.readStream('late-s');
    expect(events[0].checkpoint < events[1].checkpoint).toBe(true);
  });

  it('reports no_stream on a stream created while it waited as a version conflict', async () => {
    const open = await beginOpenAppend(
      store.pool,
      store.tables,
      'race-s',
      [newEvent()],
      'no_stream',
    );
    const appending = store.appendToStreams([
      { streamName: 'race-a', events: [newEvent()], expected: 'any' },
      { streamName: 'race-s', events: [newEvent()], expected: 'no_stream' },
    ]);
    await advisoryWaiters(store.pool);
    await open.commit();

    await expect(appending).rejects.toMatchObject({
      code: 'WRONG_EXPECTED_VERSION',
      streamName: 'race-s',
      actualVersion: 0,
    });
    expect(await store.readStream('race-a')).toEqual([]);
  });
});
