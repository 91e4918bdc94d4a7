import type { ExpectedVersion } from '../port/expected-version';
import type { PostgresTables } from './tables';

export type AppendMode = 'exact' | 'no_stream' | 'stream_exists' | 'any';

export function appendModeOf(expected: ExpectedVersion): AppendMode {
  return typeof expected === 'number' ? 'exact' : expected;
}

/**
 * One statement per append, so one round trip and one implicit transaction:
 *
 * 1. `lk` takes a transaction-scoped advisory lock on the stream before anything is written.
 *    Writing assigns the transaction id (xid) that orders events in readAll; taking the lock
 *    first means a writer that waits for another writer of the same stream gets a larger xid,
 *    so per-stream version order and readAll order always agree. (A row lock alone does not
 *    guarantee that: an upsert can be assigned its xid before it starts waiting.)
 * 2. `cas` compare-and-sets the stream row: 0 rows returned means the expectation failed,
 *    and then nothing else is written and no global position is consumed.
 * 3. `ins` inserts the events with consecutive versions ending at the new stream version.
 *
 * Parameters: $1 stream, $2 category, $3 event ids, $4 types, $5 data, $6 metadata,
 * $7 expected version (exact mode only: unreferenced parameters have no inferable type).
 */
export function appendSql(tables: PostgresTables, mode: AppendMode): string {
  const cacheKey = `${tables.key}:${mode}`;
  let sql = statements.get(cacheKey);
  if (sql === undefined) {
    sql = buildAppendSql(tables, mode);
    statements.set(cacheKey, sql);
  }
  return sql;
}

const statements = new Map<string, string>();

/**
 * The arguments of a stream's advisory lock: (store namespace, stream). Every writer of a
 * stream, single- or multi-stream, must lock with exactly this key so that they serialise.
 */
export function streamLockKeySql(tables: PostgresTables, stream: string): string {
  return `hashtext('${tables.key}'), ${streamLockHashSql(stream)}`;
}

/** The stream part of the lock key; multi-stream appends lock in ascending order of it. */
export function streamLockHashSql(stream: string): string {
  return `hashtext(${stream})`;
}

function buildAppendSql(tables: PostgresTables, mode: AppendMode): string {
  const { streams, events } = tables;
  const count = 'cardinality($3::uuid[])';
  const cas: Record<AppendMode, string> = {
    exact: `UPDATE ${streams} s SET version = s.version + ${count} FROM lk
            WHERE s.stream_name = $1 AND s.version = $7::bigint RETURNING s.version`,
    stream_exists: `UPDATE ${streams} s SET version = s.version + ${count} FROM lk
            WHERE s.stream_name = $1 RETURNING s.version`,
    no_stream: `INSERT INTO ${streams} (stream_name, version) SELECT $1, ${count} - 1 FROM lk
            ON CONFLICT (stream_name) DO NOTHING RETURNING version`,
    any: `INSERT INTO ${streams} AS s (stream_name, version) SELECT $1, ${count} - 1 FROM lk
            ON CONFLICT (stream_name) DO UPDATE SET version = s.version + ${count}
            RETURNING s.version`,
  };
  return `
    WITH lk AS MATERIALIZED (
      SELECT pg_advisory_xact_lock(${streamLockKeySql(tables, '$1::text')})
    ),
    cas AS (${cas[mode]}),
    ins AS (
      INSERT INTO ${events}
        (stream_name, category, stream_version, event_id, event_type, data, metadata)
      SELECT $1, $2, cas.version - ${count} + e.ord, e.id, e.type, e.data::jsonb, e.meta::jsonb
      FROM cas CROSS JOIN unnest($3::uuid[], $4::text[], $5::text[], $6::text[])
        WITH ORDINALITY AS e(id, type, data, meta, ord)
      ORDER BY e.ord
      RETURNING transaction_id, global_position, stream_version
    )
    SELECT transaction_id::text AS transaction_id, global_position::text AS global_position,
      stream_version::text AS stream_version
    FROM ins ORDER BY ins.global_position DESC LIMIT 1`;
}

/**
 * After a failed compare-and-set or a duplicate event id: the stream's current version and
 * where the batch's ids are stored, in one round trip. $1 stream, $2 event ids.
 */
export function resolveConflictSql(tables: PostgresTables): string {
  return `
    SELECT
      (SELECT version::text FROM ${tables.streams} WHERE stream_name = $1) AS current_version,
      COALESCE((
        SELECT json_agg(json_build_object('eventId', event_id, 'streamName', stream_name))
        FROM ${tables.events} WHERE event_id = ANY($2::uuid[])
      ), '[]'::json) AS stored`;
}
