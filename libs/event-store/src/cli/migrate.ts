import { Pool } from 'pg';
import { pgSslOption } from '@inventory/config';
import { formatMigrationName, migrate } from '../postgres/migrate';
import { logPoolErrors } from '../postgres/pool-errors';

/**
 * `node dist/libs/event-store/src/cli/migrate.js` applies the event-store migrations.
 * Environment: DATABASE_URL (required), EVENT_STORE_SCHEMA (default public),
 * EVENT_STORE_TABLE_PREFIX (default es_), DATABASE_SSL and DATABASE_SSL_CA_FILE (as the services
 * read them). Exit code 0 on success, 1 on failure, 2 on usage.
 */
const SSL_MODES = ['disable', 'require', 'verify-ca', 'verify-full'] as const;

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
  const sslMode = env.DATABASE_SSL || undefined;
  if (sslMode && !(SSL_MODES as readonly string[]).includes(sslMode)) {
    log(`event-store migrate: DATABASE_SSL must be one of ${SSL_MODES.join(', ')}`);
    return 2;
  }
  const ssl = pgSslOption({
    DATABASE_SSL: sslMode as (typeof SSL_MODES)[number] | undefined,
    DATABASE_SSL_CA_FILE: env.DATABASE_SSL_CA_FILE || undefined,
  });
  const pool = logPoolErrors(new Pool({ connectionString: url, max: 1, ssl }), (err) =>
    log(`event-store migrate: PostgreSQL connection lost: ${err.message}`),
  );
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
