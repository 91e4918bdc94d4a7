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
  await checkTransactionCounter(client, tables);
  const versions = [...recorded.keys(), ...applied.map((m) => m.version)];
  return { applied, currentVersion: versions.length ? Math.max(...versions) : 0 };
}

/** Transaction ids per pg_xact segment: a next id at a segment's start needs no existing file. */
const XACT_SEGMENT = 1n << 20n;

/**
 * readAll returns only events of transactions below the oldest one still running, in
 * transaction-id order. A logical dump (pg_dump) restored into another cluster keeps the stored
 * ids but not that cluster's transaction counter: while the counter is below them, readers
 * (relays, projections, rebuilds) see none of the events, and new events sort before the old.
 * Refuse to work on such a database, and say how to move the counter past them.
 */
async function checkTransactionCounter(client: PoolClient, tables: PostgresTables): Promise<void> {
  const { rows } = await client.query<{ stored: string | null; next: string }>(
    `SELECT CASE WHEN to_regclass($1) IS NULL THEN NULL
                 ELSE (SELECT max(transaction_id)::text FROM ${tables.events}) END AS stored,
            pg_snapshot_xmax(pg_current_snapshot())::text AS next`,
    [tables.events],
  );
  const { stored, next } = rows[0];
  if (stored === null || BigInt(stored) < BigInt(next)) return;
  const epoch = BigInt(stored) >> 32n;
  const xid = ((BigInt(stored) & 0xffffffffn) / XACT_SEGMENT + 1n) * XACT_SEGMENT;
  const [e, x] = xid > 0xffffffffn ? [epoch + 1n, XACT_SEGMENT] : [epoch, xid];
  throw new Error(
    `event store ${tables.events}: stored transaction ids reach ${stored} but this cluster's ` +
      `next one is ${next}, so no reader would see the events. The database was restored ` +
      `from a logical dump into another cluster: stop the cluster and run ` +
      `"pg_resetwal -e ${e} -x ${x} <data directory>" (docs/operations.md#back-up-and-restore-the-event-store)`,
  );
}

export function formatMigrationName(migration: { version: number; name: string }): string {
  return `${String(migration.version).padStart(3, '0')}_${migration.name}`;
}
