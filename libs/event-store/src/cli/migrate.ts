import { Pool } from 'pg';
import { formatMigrationName, migrate } from '../postgres/migrate';

/**
 * `node dist/libs/event-store/src/cli/migrate.js` applies the event-store migrations.
 * Environment: DATABASE_URL (required), EVENT_STORE_SCHEMA (default public),
 * EVENT_STORE_TABLE_PREFIX (default es_). Exit code 0 on success, 1 on failure, 2 on usage.
 */
export async function runMigrateCli(
  env: NodeJS.ProcessEnv,
  log: (line: string) => void = console.log,
): Promise<number> {
  const url = env.DATABASE_URL;
  if (!url) {
    log('event-store migrate: DATABASE_URL is not set (e.g. postgres://user@host:5432/db)');
    return 2;
  }
  const schema = env.EVENT_STORE_SCHEMA || undefined;
  const tablePrefix = env.EVENT_STORE_TABLE_PREFIX ?? undefined;
  const pool = new Pool({ connectionString: url, max: 1 });
  try {
    const report = await migrate(pool, { schema, tablePrefix });
    const target = `schema ${schema ?? 'public'}, prefix ${tablePrefix ?? 'es_'}`;
    for (const migration of report.applied) {
      log(`event-store migrate: applied ${formatMigrationName(migration)} (${target})`);
    }
    if (report.applied.length === 0) {
      log(`event-store migrate: up to date at version ${report.currentVersion} (${target})`);
    }
    return 0;
  } catch (error) {
    log(`event-store migrate: failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await pool.end();
  }
}

if (require.main === module) {
  runMigrateCli(process.env).then((code) => {
    process.exitCode = code;
  });
}
