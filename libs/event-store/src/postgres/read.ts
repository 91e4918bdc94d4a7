import { escapeLiteral } from 'pg';
import { decodeCheckpoint, encodeCheckpoint, type Checkpoint } from '../port/checkpoint';
import type { EventMetadata, RecordedEvent } from '../port/events';
import type { Queryable } from './append';
import { statementName, type PostgresTables } from './tables';

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
    name: statementName(tables, 'read-stream'),
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
    name: statementName(tables, 'read-first'),
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
 * several categories are read one such range each (UNION ALL) and merged. PostgreSQL chooses by
 * its estimates between that range and walking the commit-order index from the checkpoint,
 * filtering out every other category, and it walked whenever it could not see which category
 * it filtered for: with '= ANY', with a LATERAL over the categories once the table had
 * statistics, and with a generic plan of a prepared statement taking the category as a
 * parameter. A reader whose categories are quiet (a relay of a service sharing the database
 * with a busy one) then read every newer event of the others on each poll (5-20 ms per poll in
 * the benchmark). So the categories are part of the statement's text, and each set of
 * categories is its own prepared statement: planned once for those categories, with their
 * statistics, and not again on every poll (planning an unprepared statement cost PostgreSQL
 * about 0.3 ms per poll). Categories are the code's stream categories, quoted as literals.
 * Qualified ORDER BY: the output column transaction_id is text (for the checkpoint); ordering
 * by it would sort xids as strings ("10" < "9") and could not use the index.
 */
export function readAllQuery(
  tables: PostgresTables,
  after: Checkpoint | null,
  limit: number,
  categories: string[] | undefined,
): { name: string; text: string; values: unknown[] } {
  const { major, minor } = after === null ? { major: 0n, minor: 0n } : decodeCheckpoint(after);
  const values: unknown[] = [major.toString(), minor.toString(), limit];
  const order = 'ORDER BY e.transaction_id, e.global_position LIMIT $3::integer';
  if (categories === undefined) {
    return {
      name: statementName(tables, 'read-all:all'),
      text: `SELECT ${COLUMNS} FROM ${tables.events} e WHERE ${AFTER} ${order}`,
      values,
    };
  }
  const distinct = [...new Set(categories)].sort();
  const name = statementName(tables, `read-all:${distinct.join(',')}`);
  const range = (category: string, select: string) =>
    `SELECT ${select} FROM ${tables.events} e
      WHERE e.category = ${escapeLiteral(category)} AND ${AFTER} ${order}`;
  if (distinct.length === 1) {
    return { name, text: range(distinct[0], COLUMNS), values };
  }
  const ranges = distinct.map((c) => `(${range(c, 'e.*')})`);
  return {
    name,
    text: `SELECT ${COLUMNS} FROM (${ranges.join(' UNION ALL ')}) e ${order}`,
    values,
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
