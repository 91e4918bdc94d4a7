import { randomUUID } from 'crypto';
import { Pool } from 'pg';
import { waitFor } from '@inventory/testing';
import { PostgresEventStore } from './postgres-event-store';
import { readAllQuery } from './read';
import { resolveTables } from './tables';

interface PlanNode {
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Rows Removed by Filter'?: number;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}

/** Rows the plan took from the events table: returned by its scans or read and filtered out. */
function eventRowsTouched(node: PlanNode): number {
  const own =
    node['Relation Name'] === 'es_events'
      ? ((node['Actual Rows'] ?? 0) + (node['Rows Removed by Filter'] ?? 0)) *
        (node['Actual Loops'] ?? 1)
      : 0;
  return own + (node.Plans ?? []).reduce((n, p) => n + eventRowsTouched(p), 0);
}

/** Busy events after the quiet reader's checkpoint, in thousands: enough for statistics to
 * make the walk of the commit order look cheap to the planner. */
const BUSY_BATCHES = 60;

/**
 * A reader of several categories (a relay) whose categories are quiet while another category
 * of the same database is busy: what it reads per poll must not grow with the busy category.
 */
describe('PostgresEventStore readAll over several categories', () => {
  const schema = `es_readall_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
  const tables = resolveTables({ schema });
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 4 });
  const store = new PostgresEventStore({ pool, schema });
  const event = (i: number) => ({ eventId: randomUUID(), type: 'happened', data: { i } });

  beforeAll(async () => {
    await store.migrate();
  });

  afterAll(async () => {
    await pool.query(`DROP SCHEMA "${schema}" CASCADE`);
    await pool.end();
  });

  it('reads only its own categories, in commit order, without walking the others', async () => {
    await store.appendToStream('quiet-1', [event(0)], 'no_stream');
    // readAll stops below any transaction still open in the cluster (another suite's, in a
    // parallel worker), so the quiet event is read again until it shows.
    const afterQuiet = await waitFor(
      async () =>
        (await store.readAll(null, 10, { categories: ['quiet'] })).checkpoint ?? undefined,
      { what: 'the quiet event readable', timeoutMs: 20000 },
    );
    for (let batch = 0; batch < BUSY_BATCHES; batch++) {
      await store.appendToStream(
        `busy-${batch}`,
        Array.from({ length: 1000 }, (_, i) => event(i)),
        'no_stream',
      );
    }
    await pool.query(`ANALYZE ${tables.events}`);

    const quiet = await store.readAll(afterQuiet, 100, { categories: ['quiet', 'other'] });
    expect(quiet.events).toEqual([]);
    // PostgreSQL chooses by its estimates between reading each category's own index range and
    // walking the commit order from the checkpoint, filtering out every other category. With
    // the table's statistics (ANALYZE above, as autovacuum runs it), '= ANY', a LATERAL over the
    // categories, or a generic plan of a prepared statement all got the walk: the benchmark's
    // quiet relays read every newer event of the busy service on each poll. The statement must
    // read the ranges whatever the plan cache does (custom plan, or a generic one forced; no
    // sort to choose instead, as on a table too small to make it costly).
    for (const categories of [['quiet', 'other'], ['quiet']]) {
      const query = readAllQuery(tables, afterQuiet, 100, categories);
      for (const mode of ['force_custom_plan', 'force_generic_plan']) {
        const client = await pool.connect();
        let plan: PlanNode;
        try {
          await client.query(`SET plan_cache_mode = ${mode}`);
          await client.query('SET enable_sort = off');
          const { rows } = await client.query<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>({
            text: `EXPLAIN (ANALYZE, FORMAT JSON) ${query.text}`,
            values: query.values,
          });
          plan = rows[0]['QUERY PLAN'][0].Plan;
        } finally {
          await client.query('RESET plan_cache_mode');
          await client.query('RESET enable_sort');
          client.release();
        }
        // 60,000 busy events came after the checkpoint; a poll of the quiet ones must not read them.
        expect({ categories, mode, touched: eventRowsTouched(plan) < 10 }).toEqual({
          categories,
          mode,
          touched: true,
        });
      }
    }

    // Both categories move: their events come merged in commit order, up to the limit.
    await store.appendToStream('other-1', [event(1)], 'no_stream');
    await store.appendToStream('quiet-1', [event(2), event(3)], 0);
    await store.appendToStream('other-1', [event(4)], 0);
    const page = await store.readAll(afterQuiet, 3, { categories: ['other', 'quiet', 'quiet'] });
    expect(page.events.map((e) => [e.streamName, (e.data as { i: number }).i])).toEqual([
      ['other-1', 1],
      ['quiet-1', 2],
      ['quiet-1', 3],
    ]);
    const rest = await store.readAll(page.checkpoint, 3, { categories: ['other', 'quiet'] });
    expect(rest.events.map((e) => (e.data as { i: number }).i)).toEqual([4]);
  });
});
