import { randomUUID } from 'crypto';
import { mkdtemp, readFile, rm } from 'fs/promises';
import { tmpdir } from 'os';
import { join } from 'path';
import { PassThrough } from 'stream';
import { eventIdFor } from '@inventory/decider';
import { PostgresEventStore, type RecordedEvent } from '@inventory/event-store';
import { generateCsv, MISSING_SOURCE } from './generate-csv';
import { createSources } from './import.bench';
import { importCli } from './import-cli';
import { runImport } from './run-import';
import { sourceExistsInStore } from './source-exists';

const ROWS = 20_000;
const BAD_EVERY = 50;
const SOURCES = ['wh-1', 'wh-2', 'wh-3', 'store-4'];
const actor = { type: 'system' as const, id: 'import-int' };

describe('source-item import into PostgreSQL', () => {
  const schema = `import_int_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
  let store: PostgresEventStore;
  let dir: string;
  let file: string;

  beforeAll(async () => {
    store = new PostgresEventStore({ connectionString: process.env.DATABASE_URL!, schema });
    await store.migrate();
    await createSources(store, SOURCES);
    dir = await mkdtemp(join(tmpdir(), 'import-int-'));
    file = join(dir, 'items.csv');
    await generateCsv(file, ROWS, {
      sources: SOURCES,
      skus: ROWS / SOURCES.length,
      badEvery: BAD_EVERY,
    });
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await store.pool.query(`DROP SCHEMA "${schema}" CASCADE`);
    await store.close();
  });

  /**
   * The store's source-item events through readAll, until `count` of them are seen. A page can
   * be empty while any transaction in the cluster is open (other test runs share it), so an
   * empty page is polled again rather than taken as the end.
   */
  async function sourceItemEvents(count: number): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    let checkpoint: string | null = null;
    const deadline = Date.now() + 30_000;
    while (events.length < count && Date.now() < deadline) {
      const page = await store.readAll(checkpoint, 5000, { categories: ['sourceitem'] });
      events.push(...page.events);
      checkpoint = page.checkpoint;
      if (page.events.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return events;
  }

  /** Stored source-item events counted in the table: exact, whatever readAll may still hold back. */
  async function storedCount(): Promise<number> {
    const { rows } = await store.pool.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM ${store.tables.events} WHERE category = 'sourceitem'`,
    );
    return Number(rows[0].n);
  }

  // Rows are 0-based; row i is on line i + 2, and every BAD_EVERY-th row is invalid.
  const lines = Array.from({ length: ROWS }, (_, i) => i + 2);
  const isBad = (line: number) => (line - 1) % BAD_EVERY === 0;
  const validLines = lines.filter((line) => !isBad(line));

  it('appends exactly the valid rows, one event each, and reports the others by line', async () => {
    const reportFile = join(dir, 'rejected.csv');

    const summary = await runImport({
      store,
      file,
      actor,
      reportFile,
      chunkSize: 700,
      sourceExists: sourceExistsInStore(store),
    });

    expect(summary).toMatchObject({
      rows: ROWS,
      imported: validLines.length,
      alreadyApplied: 0,
      rejected: ROWS / BAD_EVERY,
    });
    const events = await sourceItemEvents(validLines.length);
    expect(await storedCount()).toBe(validLines.length);
    expect(events.map((e) => e.eventId).sort()).toEqual(
      validLines.map((line) => eventIdFor(`import:${summary.importId}:${line}`, 0)).sort(),
    );
    expect(new Set(events.map((e) => e.type))).toEqual(new Set(['source_item_saved']));
    expect(events.find((e) => e.streamName === 'sourceitem-wh-2/SKU-0')?.data).toEqual({
      source_code: 'wh-2',
      sku: 'SKU-0',
      quantity: '37.2500',
      status: 1,
      actor,
      occurred_at: expect.any(String),
      reason: 'import',
      previous_quantity: null,
      previous_status: null,
    });
    const report = (await readFile(reportFile, 'utf8')).trimEnd().split('\n');
    expect(report[0]).toBe('line,source_code,sku,reason');
    expect(report.slice(1).map((row) => Number(row.split(',')[0]))).toEqual(lines.filter(isBad));
    expect(report.filter((row) => row.includes(MISSING_SOURCE))).toHaveLength(
      Math.ceil(ROWS / BAD_EVERY / 6),
    );
  }, 60000);

  it('appends nothing when the same file is imported again through the CLI', async () => {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    const env = { DATABASE_URL: process.env.DATABASE_URL, EVENT_STORE_SCHEMA: schema };

    const code = await importCli(['import', file, '--chunk', '1000'], env, { stdout, stderr });

    expect(code).toBe(1); // the bad rows are rejected again
    expect(JSON.parse(String(stdout.read()))).toMatchObject({
      rows: ROWS,
      imported: 0,
      alreadyApplied: validLines.length,
      rejected: ROWS / BAD_EVERY,
    });
    expect(String(stderr.read())).toContain('pass --report <file> to list them');
    expect(await storedCount()).toBe(validLines.length);
  }, 60000);
});
