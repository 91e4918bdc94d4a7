import { stat } from 'fs/promises';
import { parseArgs } from 'util';
import { Presets, SingleBar } from 'cli-progress';
import type { Actor } from '@inventory/contracts';
import { PostgresEventStore } from '@inventory/event-store';
import { runImport } from './run-import';
import { sourceExistsInStore } from './source-exists';

export const IMPORT_USAGE = `usage: cli import <file.csv> [--report <rejected.csv>] [--import-id <id>] [--chunk <n>] [--actor <id>]
  Imports MSI source items (header source_code,sku,status,quantity) as source_item_saved events.
  Environment: DATABASE_URL (required), EVENT_STORE_SCHEMA, EVENT_STORE_TABLE_PREFIX.
  Exit code: 0 all rows imported, 1 some rows rejected or the import failed, 2 usage error.`;

export interface CliOutput {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

// With 2 chunks in flight, at most 4,000 advisory locks at once: well within PostgreSQL's
// default shared lock table (64 x 100 connections), leaving room for the service beside it.
const MAX_CHUNK = 2000;

/**
 * `cli import ...`: `argv` is what follows `cli` (a leading `import` is skipped). Prints the
 * summary as one JSON line on stdout; progress and messages go to stderr.
 */
export async function importCli(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  output: CliOutput = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  const say = (line: string) => output.stderr.write(`${line}\n`);
  const args = await readArgs(argv[0] === 'import' ? argv.slice(1) : argv, env);
  if (typeof args === 'string') {
    say(`cli import: ${args}\n${IMPORT_USAGE}`);
    return 2;
  }
  let store: PostgresEventStore;
  try {
    store = new PostgresEventStore({
      connectionString: args.databaseUrl,
      schema: env.EVENT_STORE_SCHEMA || undefined,
      tablePrefix: env.EVENT_STORE_TABLE_PREFIX ?? undefined,
      // Enough for the chunks in flight, or for the single appends of the fallback path.
      poolConfig: { max: 8 },
    });
  } catch (error) {
    say(`cli import: ${(error as Error).message}\n${IMPORT_USAGE}`);
    return 2;
  }
  const bar = new SingleBar(
    {
      stream: output.stderr,
      noTTYOutput: true,
      format:
        '{bar} {percentage}% | {rows} rows, {applied} applied, {rejected} rejected | ETA {eta_formatted}',
    },
    Presets.shades_classic,
  );
  try {
    await store.migrate();
    bar.start(args.size, 0, { rows: 0, applied: 0, rejected: 0 });
    const summary = await runImport({
      store,
      file: args.file,
      reportFile: args.report,
      importId: args.importId,
      chunkSize: args.chunk,
      actor: args.actor,
      sourceExists: sourceExistsInStore(store),
      onProgress: ({ bytes, rows, imported, alreadyApplied, rejected }) =>
        bar.update(bytes, { rows, applied: imported + alreadyApplied, rejected }),
    });
    const applied = summary.imported + summary.alreadyApplied;
    bar.update(args.size, { rows: summary.rows, applied, rejected: summary.rejected });
    bar.stop();
    // A bulk load leaves the planner's statistics stale until autovacuum gets to it; readers
    // (relay, projections) would sort the whole table per page meanwhile.
    await store.pool.query(`ANALYZE ${store.tables.events}`);
    output.stdout.write(`${JSON.stringify(summary)}\n`);
    if (summary.rejected === 0) return 0;
    say(
      args.report
        ? `cli import: ${summary.rejected} rows rejected, listed in ${args.report}`
        : `cli import: ${summary.rejected} rows rejected; pass --report <file> to list them`,
    );
    return 1;
  } catch (error) {
    bar.stop();
    // A file is checked whole before the first write, so a format error means nothing was written.
    say(`cli import: failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await store.close();
  }
}

interface ImportArgs {
  file: string;
  size: number;
  report?: string;
  importId?: string;
  chunk?: number;
  actor: Actor;
  databaseUrl: string;
}

/** The arguments, or what is wrong with them. */
async function readArgs(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<ImportArgs | string> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        report: { type: 'string' },
        'import-id': { type: 'string' },
        chunk: { type: 'string' },
        actor: { type: 'string' },
      },
    });
  } catch (error) {
    return (error as Error).message;
  }
  const { positionals, values } = parsed;
  if (positionals.length !== 1) return 'expected exactly one CSV file';
  const chunk = values.chunk === undefined ? undefined : Number(values.chunk);
  if (chunk !== undefined && !(Number.isInteger(chunk) && chunk >= 1 && chunk <= MAX_CHUNK)) {
    return `--chunk must be an integer from 1 to ${MAX_CHUNK}`;
  }
  if (values['import-id'] === '') return '--import-id must not be empty';
  if (!env.DATABASE_URL) return 'DATABASE_URL is not set (e.g. postgres://user@host:5432/db)';
  const file = positionals[0];
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) return `${file} is not a readable file`;
  return {
    file,
    size: info.size,
    report: values.report,
    importId: values['import-id'],
    chunk,
    actor: values.actor ? { type: 'user', id: values.actor } : { type: 'system', id: 'cli-import' },
    databaseUrl: env.DATABASE_URL,
  };
}
