import { randomUUID } from 'crypto';
import { mkdtemp, rm } from 'fs/promises';
import { tmpdir } from 'os';
import { join } from 'path';
import { Pool } from 'pg';
import type { Actor } from '@inventory/contracts';
import { PostgresEventStore, logPoolErrors, type EventStore } from '@inventory/event-store';
import { sourceDecider, sourceStream } from '../domain';
import { withoutMultiStreamAppend } from './chunk-writer';
import { generateCsv } from './generate-csv';
import { runImport } from './run-import';
import { sourceExistsInStore } from './source-exists';

export interface ImportBenchOptions {
  connectionString: string;
  /** Default 1,000,000. */
  rows?: number;
  /** Distinct sources; default 10 (rows spread over them, every row a distinct item). */
  sources?: number;
  chunkSize?: number;
  maxInFlight?: number;
  /** Hide the store's multi-stream append to measure the fallback of concurrent single appends. */
  singleAppend?: boolean;
}

export interface ImportBenchResult {
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  peakRssMb: number;
  writePath: 'multi-stream' | 'single';
}

const ACTOR: Actor = { type: 'system', id: 'import-bench' };

/**
 * The CLI's import path end to end in a throwaway schema (dropped afterwards): the sources are
 * created as the service creates them (`source_created` decided by the source decider), so the
 * import checks them by reading their streams as the CLI does; the file is generated in a temp
 * directory. Only the import is timed (including its content-hash pass). A benchmark, not a
 * test: it asserts nothing.
 */
export async function runImportBench(options: ImportBenchOptions): Promise<ImportBenchResult> {
  const rows = options.rows ?? 1_000_000;
  const sourceCount = options.sources ?? 10;
  const schema = `import_bench_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
  const pool = logPoolErrors(new Pool({ connectionString: options.connectionString, max: 8 }));
  const store = new PostgresEventStore({ pool, schema });
  const dir = await mkdtemp(join(tmpdir(), 'import-bench-'));
  try {
    await store.migrate();
    const codes = Array.from({ length: sourceCount }, (_, i) => `bench-${i}`);
    await createSources(store, codes);
    const file = join(dir, 'source-items.csv');
    await generateCsv(file, rows, { sources: codes, skus: Math.ceil(rows / sourceCount) });
    const summary = await runImport({
      store: options.singleAppend ? withoutMultiStreamAppend(store) : store,
      file,
      actor: ACTOR,
      chunkSize: options.chunkSize,
      maxInFlight: options.maxInFlight,
      sourceExists: sourceExistsInStore(store),
    });
    if (summary.imported !== rows) {
      throw new Error(`import bench: ${summary.imported} of ${rows} rows imported`);
    }
    const { seconds, rowsPerSecond, peakRssMb } = summary;
    const writePath = options.singleAppend ? 'single' : 'multi-stream';
    return { rows, seconds, rowsPerSecond, peakRssMb, writePath };
  } finally {
    await rm(dir, { recursive: true, force: true });
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pool.end();
  }
}

/** Sources as the service creates them: the source decider's `source_created`, appended. */
export async function createSources(store: EventStore, codes: readonly string[]): Promise<void> {
  await Promise.all(codes.map((code) => createSource(store, code)));
}

async function createSource(store: EventStore, code: string): Promise<void> {
  const command = {
    type: 'create_source' as const,
    source: { source_code: code, name: code, enabled: true, country_id: 'US', postcode: '10001' },
    actor: ACTOR,
    occurred_at: new Date().toISOString(),
  };
  const events = sourceDecider.decide(command, sourceDecider.initialState);
  await store.appendToStream(
    sourceStream(code),
    events.map((e) => ({ eventId: randomUUID(), type: e.type, data: e.data })),
    'no_stream',
  );
}

// `node dist/apps/source-inventory/src/import/import.bench.js [rows] [--single]`
if (require.main === module) {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) {
    console.error('import bench: DATABASE_URL is not set');
    process.exit(2);
  }
  const rowsArg = process.argv.slice(2).find((a) => /^\d+$/.test(a));
  runImportBench({
    connectionString,
    rows: rowsArg ? Number(rowsArg) : undefined,
    singleAppend: process.argv.includes('--single'),
  }).then(
    (result) => console.log(JSON.stringify(result)),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
