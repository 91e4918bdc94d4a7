import type { QueryResultRow } from 'pg';
import { encodeCheckpoint } from '../port/checkpoint';
import { EventIdConflictError, WrongExpectedVersionError } from '../port/errors';
import type { AppendResult } from '../port/event-store';
import { NO_STREAM_VERSION } from '../port/expected-version';
import type { PreparedAppend } from '../port/validate';
import { appendModeOf, appendSql, resolveConflictSql } from './append-sql';
import { statementName, type PostgresTables } from './tables';

/** A pg Pool or client; appends need nothing else, so tests can run them inside a transaction. */
export interface Queryable {
  query<R extends QueryResultRow>(config: {
    name?: string;
    text: string;
    values?: unknown[];
  }): Promise<{ rows: R[] }>;
}

interface AppendRow {
  transaction_id: string;
  global_position: string;
  stream_version: string;
}

const UNIQUE_VIOLATION = '23505';

export async function appendPrepared(
  db: Queryable,
  tables: PostgresTables,
  append: PreparedAppend,
): Promise<AppendResult> {
  const mode = appendModeOf(append.expected);
  const ids = append.events.map((e) => e.eventId);
  const values: unknown[] = [
    append.streamName,
    append.category,
    ids,
    append.events.map((e) => e.type),
    append.events.map((e) => e.dataJson),
    append.events.map((e) => e.metadataJson),
  ];
  if (mode === 'exact') values.push(String(append.expected));
  let rows: AppendRow[];
  try {
    // Named, so each connection parses and plans the statement once.
    ({ rows } = await db.query<AppendRow>({
      name: statementName(tables, `append:${mode}`),
      text: appendSql(tables, mode),
      values,
    }));
  } catch (error) {
    if (!isDuplicateEventId(error, tables)) throw error;
    return resolveConflict(db, tables, append, ids, error);
  }
  if (rows.length === 0) return resolveConflict(db, tables, append, ids, undefined);
  const [last] = rows;
  return {
    status: 'appended',
    nextExpectedVersion: Number(last.stream_version),
    checkpoint: encodeCheckpoint(last.transaction_id, last.global_position),
  };
}

/**
 * Runs after the append statement rolled back, so it sees whatever made it fail. Stored ids
 * win over the version check: a retry of a batch that was applied must report
 * `already_applied` even though its expected version is stale by now.
 */
async function resolveConflict(
  db: Queryable,
  tables: PostgresTables,
  append: PreparedAppend,
  ids: string[],
  duplicate: unknown,
): Promise<AppendResult> {
  const { rows } = await db.query<{
    current_version: string | null;
    stored: { eventId: string; streamName: string }[];
  }>({
    name: statementName(tables, 'resolve-conflict'),
    text: resolveConflictSql(tables),
    values: [append.streamName, ids],
  });
  const [{ current_version, stored }] = rows;
  const current = current_version === null ? NO_STREAM_VERSION : Number(current_version);
  if (stored.length > 0) {
    const allHere =
      stored.length === ids.length && stored.every((s) => s.streamName === append.streamName);
    if (allHere) return { status: 'already_applied', nextExpectedVersion: current };
    throw new EventIdConflictError(
      append.streamName,
      stored.map((s) => s.eventId),
    );
  }
  // A duplicate-id violation is only raised for a committed row, which cannot vanish.
  if (duplicate !== undefined) throw duplicate;
  throw new WrongExpectedVersionError(append.streamName, append.expected, current);
}

function isDuplicateEventId(error: unknown, tables: PostgresTables): boolean {
  const e = error as { code?: unknown; constraint?: unknown };
  return e?.code === UNIQUE_VIOLATION && e.constraint === tables.eventIdConstraint;
}
