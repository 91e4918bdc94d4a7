import { streamLockHashSql, streamLockKeySql } from './append-sql';
import type { PostgresTables } from './tables';

/**
 * Marks the error the multi-stream append raises when a compare-and-set failed; the entry's
 * 1-based index follows it. See `appendMultiSql`.
 */
export const CAS_FAILED_MARKER =
  'event-store multi-stream append: compare-and-set failed at entry ';

/**
 * A multi-stream append as one statement (one round trip, one implicit transaction):
 *
 * - `input`: one row per entry ($1 stream, $2 category, $3 mode, $4 expected version, $5 event
 *   count), numbered in input order.
 * - `lk` takes every entry's advisory lock, with the same key as the single-stream append, in
 *   ascending order of that key, before anything is written: a deterministic order cannot
 *   deadlock with another multi-stream append (ordering by stream name would, when two names
 *   share a hash), and taking them before the first write (which assigns the transaction id)
 *   keeps per-stream version order and readAll order in agreement, as for single appends.
 * - Three compare-and-sets on disjoint sets of stream rows: an UPDATE for exact and
 *   `stream_exists`, `INSERT ... ON CONFLICT DO UPDATE` for `any` and `... DO NOTHING` for
 *   `no_stream`. The upserts see rows committed after the statement's snapshot (an UPDATE on a
 *   snapshot would miss a stream created while this statement waited for its lock, and a
 *   split "update, else insert" would then fail an `any` entry). `excluded.version + 1` is the
 *   entry's event count.
 * - `failed` is the first entry, in input order, whose row the compare-and-sets did not
 *   return. The events are inserted only if there is none, so a failure consumes no global
 *   position; then the final SELECT raises an error carrying CAS_FAILED_MARKER and the entry
 *   index, which rolls back the stream rows already updated. (Plain SQL has no RAISE; a cast
 *   of a computed string cannot be folded into a plan-time error.)
 * - `ev` inserts the events ($6 entry, $7 position in the entry, $8 id, $9 type, $10 data,
 *   $11 metadata, flattened in input order) in that order, so global positions follow it.
 *
 * Returns one row per appended stream: its last version and position, and the transaction id.
 */
export function appendMultiSql(tables: PostgresTables): string {
  let sql = statements.get(tables.key);
  if (sql === undefined) {
    sql = buildAppendMultiSql(tables);
    statements.set(tables.key, sql);
  }
  return sql;
}

const statements = new Map<string, string>();

function buildAppendMultiSql(tables: PostgresTables): string {
  const { streams, events } = tables;
  return `
    WITH input AS MATERIALIZED (
      SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::integer[])
        WITH ORDINALITY AS t(stream_name, category, mode, expected, n, idx)
    ),
    lk AS MATERIALIZED (
      SELECT count(pg_advisory_xact_lock(${streamLockKeySql(tables, 'k.stream_name')}))
      FROM (SELECT DISTINCT ON (${streamLockHashSql('stream_name')}) stream_name FROM input
            ORDER BY ${streamLockHashSql('stream_name')} OFFSET 0) k
    ),
    upd AS (
      UPDATE ${streams} s SET version = s.version + i.n FROM input i, lk
      WHERE s.stream_name = i.stream_name
        AND (i.mode = 'stream_exists' OR (i.mode = 'exact' AND s.version = i.expected))
      RETURNING s.stream_name, s.version
    ),
    ins_any AS (
      INSERT INTO ${streams} AS s (stream_name, version)
      SELECT i.stream_name, i.n - 1 FROM input i, lk WHERE i.mode = 'any'
      ON CONFLICT (stream_name) DO UPDATE SET version = s.version + excluded.version + 1
      RETURNING s.stream_name, s.version
    ),
    ins_new AS (
      INSERT INTO ${streams} AS s (stream_name, version)
      SELECT i.stream_name, i.n - 1 FROM input i, lk WHERE i.mode = 'no_stream'
      ON CONFLICT (stream_name) DO NOTHING
      RETURNING s.stream_name, s.version
    ),
    cas AS MATERIALIZED (
      SELECT * FROM upd UNION ALL SELECT * FROM ins_any UNION ALL SELECT * FROM ins_new
    ),
    failed AS MATERIALIZED (
      SELECT min(i.idx) AS idx FROM input i
      WHERE NOT EXISTS (SELECT FROM cas c WHERE c.stream_name = i.stream_name)
    ),
    ev AS (
      INSERT INTO ${events}
        (stream_name, category, stream_version, event_id, event_type, data, metadata)
      SELECT i.stream_name, i.category, c.version - i.n + e.pos, e.id, e.type,
        e.data::jsonb, e.meta::jsonb
      FROM unnest($6::integer[], $7::integer[], $8::uuid[], $9::text[], $10::text[], $11::text[])
          WITH ORDINALITY AS e(entry, pos, id, type, data, meta, ord)
        JOIN input i ON i.idx = e.entry
        JOIN cas c ON c.stream_name = i.stream_name
      WHERE (SELECT f.idx FROM failed f) IS NULL
      ORDER BY e.ord
      RETURNING stream_name, stream_version, global_position, transaction_id
    )
    SELECT ev.stream_name, max(ev.stream_version)::text AS stream_version,
      max(ev.global_position)::text AS global_position,
      min(ev.transaction_id::text) AS transaction_id
    FROM ev
    WHERE (SELECT CASE WHEN f.idx IS NULL THEN true
                  ELSE ('${CAS_FAILED_MARKER}' || f.idx)::boolean END FROM failed f)
    GROUP BY ev.stream_name`;
}

/**
 * After a failed multi-stream append: the current version of every stream of the call and
 * where any of its event ids are stored, in one round trip. $1 streams, $2 event ids.
 */
export function resolveMultiSql(tables: PostgresTables): string {
  return `
    SELECT
      COALESCE((
        SELECT json_agg(json_build_object('streamName', stream_name, 'version', version::text))
        FROM ${tables.streams} WHERE stream_name = ANY($1::text[])
      ), '[]'::json) AS versions,
      COALESCE((
        SELECT json_agg(json_build_object('eventId', event_id, 'streamName', stream_name))
        FROM ${tables.events} WHERE event_id = ANY($2::uuid[])
      ), '[]'::json) AS stored`;
}
