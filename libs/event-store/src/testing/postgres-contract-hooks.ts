import type { Pool } from 'pg';
import type { NewEvent } from '../port/events';
import type { ExpectedVersion } from '../port/expected-version';
import { prepareAppend } from '../port/validate';
import { appendPrepared } from '../postgres/append';
import type { PostgresTables } from '../postgres/tables';
import type { ContractHooks, OpenAppendHandle } from './contract/helpers';

/** PostgreSQL-only hooks of the contract suite. `pool()` is read lazily: it exists after beforeAll. */
export function postgresContractHooks(pool: () => Pool, tables: PostgresTables): ContractHooks {
  return {
    beginOpenAppend: (stream, events, expected) =>
      beginOpenAppend(pool(), tables, stream, events, expected),
    diagnoseStall: () => describeOldestTransactions(pool()),
    multiStreamAppend: true,
    backlog: true,
  };
}

/**
 * The gap scenario's slow writer: appends inside an explicit transaction on its own connection
 * and leaves it open until commit() or rollback().
 */
export async function beginOpenAppend(
  pool: Pool,
  tables: PostgresTables,
  streamName: string,
  events: readonly NewEvent[],
  expected: ExpectedVersion,
): Promise<OpenAppendHandle> {
  const client = await pool.connect();
  const finish = async (sql: 'COMMIT' | 'ROLLBACK') => {
    try {
      await client.query(sql);
    } finally {
      client.release();
    }
  };
  try {
    await client.query('BEGIN');
    await appendPrepared(client, tables, prepareAppend(streamName, events, expected));
    return { commit: () => finish('COMMIT'), rollback: () => finish('ROLLBACK') };
  } catch (error) {
    await finish('ROLLBACK');
    throw error;
  }
}

/**
 * readAll waits for every transaction in the cluster that holds an xid, in any database; when a
 * test times out this names the culprits.
 */
export async function describeOldestTransactions(pool: Pool): Promise<string> {
  const { rows } = await pool.query<{ line: string }>(`
    SELECT format('pid %s db %s xid %s open %ss state %s: %s', pid, datname, backend_xid,
      round(extract(epoch FROM now() - xact_start)), state, left(query, 120)) AS line
    FROM pg_stat_activity WHERE backend_xid IS NOT NULL
    ORDER BY age(backend_xid) DESC LIMIT 5`);
  const list = rows.map((r) => r.line).join(' | ');
  return list ? `transactions holding readAll back: ${list}` : 'no open transaction holds an xid';
}
