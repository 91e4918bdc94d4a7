import { randomUUID } from 'crypto';
import { Pool } from 'pg';
import { logPoolErrors } from '../postgres/pool-errors';
import { PostgresEventStore } from '../postgres/postgres-event-store';

export interface EventStoreBenchOptions {
  connectionString: string;
  /** Concurrent writers for the single-event phase; default 8. */
  writers?: number;
  /** Single-event appends in total; default 20,000. */
  singleAppends?: number;
  /** Appends of `batchSize` events each; default 200 of 100. */
  batches?: number;
  batchSize?: number;
  /** readAll page size; default 1,000. */
  readPageSize?: number;
  /** Multi-stream appends (`appendToStreams`) in total; default 50, 0 skips the phase. */
  multiStreamCalls?: number;
  /** New streams per multi-stream call, one event each with expected `any`; default 1,000. */
  multiStreamCallSize?: number;
  /** Concurrent multi-stream callers; default 4. */
  multiStreamCallers?: number;
}

export interface EventStoreBenchResult {
  singleAppendsPerSecond: number;
  batchAppendsPerSecond: number;
  batchEventsPerSecond: number;
  readAllEventsPerSecond: number;
  eventsRead: number;
  /** 0 when the phase was skipped. */
  multiStreamCallsPerSecond: number;
  multiStreamEventsPerSecond: number;
}

/**
 * Throughput of the PostgreSQL adapter in a throwaway schema (dropped afterwards). Each writer
 * appends to its own streams with exact expected versions, as command handlers do; then
 * multi-stream appends write new streams as a bulk import does. A benchmark, not a test: it
 * asserts nothing and its numbers depend on the machine.
 */
export async function runEventStoreBench(
  options: EventStoreBenchOptions,
): Promise<EventStoreBenchResult> {
  const writers = options.writers ?? 8;
  const schema = `es_bench_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
  const pool = logPoolErrors(
    new Pool({ connectionString: options.connectionString, max: writers + 2 }),
  );
  const store = new PostgresEventStore({ pool, schema });
  try {
    await store.migrate();
    const versions = new Map<string, number>();
    const single = options.singleAppends ?? 20_000;
    const singleSeconds = await timed(() =>
      parallel(writers, single, (w, i) => append(store, versions, `bench-w${w}s${i % 50}`, 1)),
    );
    const batches = options.batches ?? 200;
    const batchSize = options.batchSize ?? 100;
    const batchSeconds = await timed(() =>
      parallel(writers, batches, (w, i) =>
        append(store, versions, `batch-w${w}s${i % 10}`, batchSize),
      ),
    );
    // Reads until every appended event was seen: a page can be empty while some transaction
    // in the cluster (even autovacuum's ANALYZE) holds readers back, which is not the end.
    const expected = single + batches * batchSize;
    let eventsRead = 0;
    const readSeconds = await timed(async () => {
      const deadline = Date.now() + 60_000;
      let checkpoint: string | null = null;
      while (eventsRead < expected) {
        const page = await store.readAll(checkpoint, options.readPageSize ?? 1000);
        eventsRead += page.events.length;
        checkpoint = page.checkpoint;
        if (page.events.length === 0 && Date.now() > deadline) {
          throw new Error(`readAll saw ${eventsRead} of ${expected} events within 60 s`);
        }
      }
    });
    // An import: every call writes `callSize` new streams, one event each, expected 'any'.
    // After the read phase, so that readAll measures the same events as before this phase.
    const multiCalls = options.multiStreamCalls ?? 50;
    const callSize = options.multiStreamCallSize ?? 1000;
    const multiSeconds = await timed(() =>
      parallel(options.multiStreamCallers ?? 4, multiCalls, (w, i) =>
        store
          .appendToStreams(
            Array.from({ length: callSize }, (_, n) => ({
              streamName: `sourceitem-bench${w}/SKU-${i}-${n}`,
              events: [benchEvent(n)],
              expected: 'any' as const,
            })),
          )
          .then(() => undefined),
      ),
    );
    return {
      singleAppendsPerSecond: Math.round(single / singleSeconds),
      batchAppendsPerSecond: Math.round(batches / batchSeconds),
      batchEventsPerSecond: Math.round((batches * batchSize) / batchSeconds),
      readAllEventsPerSecond: Math.round(eventsRead / readSeconds),
      eventsRead,
      multiStreamCallsPerSecond: multiCalls ? Math.round(multiCalls / multiSeconds) : 0,
      multiStreamEventsPerSecond: multiCalls
        ? Math.round((multiCalls * callSize) / multiSeconds)
        : 0,
    };
  } finally {
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pool.end();
  }
}

/** Appends with the version this writer last saw: each stream has a single writer here. */
async function append(
  store: PostgresEventStore,
  versions: Map<string, number>,
  stream: string,
  count: number,
): Promise<void> {
  const current = versions.get(stream);
  const events = Array.from({ length: count }, (_, n) => benchEvent(n));
  const result = await store.appendToStream(
    stream,
    events,
    current === undefined ? 'no_stream' : current,
  );
  versions.set(stream, result.nextExpectedVersion);
}

function benchEvent(n: number) {
  return {
    eventId: randomUUID(),
    type: 'BenchEventRecorded',
    data: { sku: 'SKU-000123', sourceCode: 'warehouse-1', quantity: n, status: 'in_stock' },
    metadata: { correlationId: randomUUID(), schemaVersion: 1 },
  };
}

/** Runs `total` operations spread over `workers` sequential loops. */
async function parallel(
  workers: number,
  total: number,
  op: (worker: number, i: number) => Promise<void>,
): Promise<void> {
  await Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      for (let i = w; i < total; i += workers) await op(w, Math.floor(i / workers));
    }),
  );
}

async function timed(fn: () => Promise<void>): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

if (require.main === module) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error('event-store bench: set DATABASE_URL to a database you can write to');
    process.exitCode = 2;
  } else {
    runEventStoreBench({ connectionString: url }).then(
      (result) => console.log(JSON.stringify(result, null, 2)),
      (error: unknown) => {
        console.error(error);
        process.exitCode = 1;
      },
    );
  }
}
