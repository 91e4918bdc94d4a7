import { runImportBench } from '../../apps/source-inventory/src/import';

/**
 * One import benchmark run in its own process, so its peak resident memory is the import's alone.
 * Prints the result as one JSON line.
 */
async function main(): Promise<void> {
  const rows = Number(process.argv[2] ?? 1_000_000);
  const result = await runImportBench({ connectionString: process.env.DATABASE_URL!, rows });
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
