import type { Pool, PoolClient } from 'pg';
import { MIGRATIONS, type Migration } from './migrations';
import { resolveTables, type PostgresTableOptions, type PostgresTables } from './tables';

export interface MigrationReport {
  /** Migrations applied by this call, in order; empty when the schema was up to date. */
  applied: { version: number; name: string }[];
  /** Highest version now recorded. */
  currentVersion: number;
}

/**
 * Brings the event-store tables up to date. Safe to run from every replica at start-up: the
 * whole run is one transaction under an advisory lock, so concurrent callers wait, then find
 * the work done; a failing migration rolls back with its version unrecorded.
 */
export async function migrate(
  pool: Pool,
  options: PostgresTableOptions = {},
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<MigrationReport> {
  const tables = resolveTables(options);
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const report = await migrateLocked(client, tables, migrations);
    await client.query('COMMIT');
    return report;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

async function migrateLocked(
  client: PoolClient,
  tables: PostgresTables,
  migrations: readonly Migration[],
): Promise<MigrationReport> {
  // Taken before any DDL: concurrent CREATE ... IF NOT EXISTS can still fail on a race.
  await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`event-store:${tables.key}`]);
  if (tables.schema !== 'public') {
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${tables.schema}"`);
  }
  await client.query(`
    CREATE TABLE IF NOT EXISTS ${tables.migrations} (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
  const { rows } = await client.query<{ version: number; name: string }>(
    `SELECT version, name FROM ${tables.migrations} ORDER BY version`,
  );
  const recorded = new Map(rows.map((row) => [row.version, row.name]));
  const applied: MigrationReport['applied'] = [];
  for (const migration of migrations) {
    const name = recorded.get(migration.version);
    if (name !== undefined) {
      if (name !== migration.name) {
        throw new Error(
          `event-store migration ${migration.version} is recorded as "${name}" but the code ` +
            `calls it "${migration.name}"; applied migrations must never be renumbered`,
        );
      }
      continue;
    }
    await client.query(migration.up(tables));
    await client.query(`INSERT INTO ${tables.migrations} (version, name) VALUES ($1, $2)`, [
      migration.version,
      migration.name,
    ]);
    applied.push({ version: migration.version, name: migration.name });
  }
  const versions = [...recorded.keys(), ...applied.map((m) => m.version)];
  return { applied, currentVersion: versions.length ? Math.max(...versions) : 0 };
}

export function formatMigrationName(migration: { version: number; name: string }): string {
  return `${String(migration.version).padStart(3, '0')}_${migration.name}`;
}
