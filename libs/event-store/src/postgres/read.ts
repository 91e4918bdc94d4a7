import { decodeCheckpoint, encodeCheckpoint, type Checkpoint } from '../port/checkpoint';
import type { EventMetadata, RecordedEvent } from '../port/events';
import type { Queryable } from './append';
import type { PostgresTables } from './tables';

interface EventRow {
  transaction_id: string;
  global_position: string;
  stream_name: string;
  stream_version: string;
  event_id: string;
  event_type: string;
  data: unknown;
  metadata: EventMetadata;
  recorded_at: Date;
}

const COLUMNS = `transaction_id::text AS transaction_id, global_position, stream_name,
  stream_version, event_id, event_type, data, metadata, recorded_at`;

export async function readStreamRows(
  db: Queryable,
  tables: PostgresTables,
  streamName: string,
  fromVersion: number,
  maxCount: number | undefined,
): Promise<RecordedEvent[]> {
  const { rows } = await db.query<EventRow>({
    name: `es:${tables.key}:read-stream`,
    text: `SELECT ${COLUMNS} FROM ${tables.events}
      WHERE stream_name = $1 AND stream_version >= $2::bigint
      ORDER BY stream_version LIMIT $3::bigint`,
    values: [streamName, String(fromVersion), maxCount === undefined ? null : String(maxCount)],
  });
  return rows.map(toRecordedEvent);
}

/** The first event (version 0) of each named stream, one statement for all. */
export async function readFirstRows(
  db: Queryable,
  tables: PostgresTables,
  streamNames: readonly string[],
): Promise<RecordedEvent[]> {
  const { rows } = await db.query<EventRow>({
    name: `es:${tables.key}:read-first`,
    text: `SELECT ${COLUMNS} FROM ${tables.events}
      WHERE stream_name = ANY($1::text[]) AND stream_version = 0`,
    values: [streamNames],
  });
  return rows.map(toRecordedEvent);
}

/**
 * Gap-free read in commit order. Only transactions older than the snapshot's xmin are read:
 * every one of them has finished, and every transaction that has not (or has not started
 * writing yet) will get an id >= xmin. So nothing can later appear before the returned
 * checkpoint, and the (transaction_id, global_position) pair orders events totally.
 * A long-open transaction anywhere in the cluster holds readers back; it loses nothing.
 */
export async function readAllRows(
  db: Queryable,
  tables: PostgresTables,
  after: Checkpoint | null,
  limit: number,
  categories: string[] | undefined,
): Promise<RecordedEvent[]> {
  const { rows } = await db.query<EventRow>(readAllQuery(tables, after, limit, categories));
  return rows.map(toRecordedEvent);
}

/** After the checkpoint in $1 (transaction id) and $2 (global position), for table alias e. */
export const AFTER_CHECKPOINT =
  '(e.transaction_id, e.global_position) > ($1::text::xid8, $2::bigint)';
/** ...and committed before every transaction still open (the gap-safe cut). */
const AFTER = `${AFTER_CHECKPOINT}
  AND e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())`;

/**
 * The statement of readAll. A category filter reads each category's own range of the
 * (category, transaction_id, global_position) index, which yields its rows already in order;
 * several categories are read one such range each (UNION ALL) and merged. Two things make
 * PostgreSQL walk the commit-order index from the checkpoint instead, filtering out every other
 * category, so that a reader whose categories are quiet (a relay of a service sharing the
 * database with a busy one) reads every newer event of the others on each poll: '= ANY' or a
 * LATERAL over the categories (the planner does not know which category it filters for), and a
 * generic plan of a prepared statement (the same, for a parameter). So the statement names each
 * category as its own parameter and is not prepared: it is planned for the categories and the
 * checkpoint it is run with, with the table's statistics (after an ANALYZE the benchmark's quiet
 * relays took 5-20 ms per poll walking the busy category; this plan takes a fraction of one).
 * Qualified ORDER BY: the output column transaction_id is text (for the checkpoint); ordering
 * by it would sort xids as strings ("10" < "9") and could not use the index.
 */
export function readAllQuery(
  tables: PostgresTables,
  after: Checkpoint | null,
  limit: number,
  categories: string[] | undefined,
): { name?: string; text: string; values: unknown[] } {
  const { major, minor } = after === null ? { major: 0n, minor: 0n } : decodeCheckpoint(after);
  const values: unknown[] = [major.toString(), minor.toString(), limit];
  const order = 'ORDER BY e.transaction_id, e.global_position LIMIT $3::integer';
  if (categories === undefined) {
    return {
      name: `es:${tables.key}:read-all:all`,
      text: `SELECT ${COLUMNS} FROM ${tables.events} e WHERE ${AFTER} ${order}`,
      values,
    };
  }
  const distinct = [...new Set(categories)];
  if (distinct.length === 1) {
    return {
      text: `SELECT ${COLUMNS} FROM ${tables.events} e
        WHERE e.category = $4::text AND ${AFTER} ${order}`,
      values: [...values, distinct[0]],
    };
  }
  const ranges = distinct.map(
    (_, i) => `(SELECT e.* FROM ${tables.events} e
      WHERE e.category = $${i + 4}::text AND ${AFTER} ${order})`,
  );
  return {
    text: `SELECT ${COLUMNS} FROM (${ranges.join(' UNION ALL ')}) e ${order}`,
    values: [...values, ...distinct],
  };
}

function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    eventId: row.event_id,
    type: row.event_type,
    data: row.data,
    metadata: row.metadata,
    streamName: row.stream_name,
    streamVersion: Number(row.stream_version),
    checkpoint: encodeCheckpoint(row.transaction_id, row.global_position),
    recordedAt: row.recorded_at,
  };
}
