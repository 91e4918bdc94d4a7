import { encodeCheckpoint } from '../port/checkpoint';
import { WrongExpectedVersionError } from '../port/errors';
import type { AppendResult } from '../port/event-store';
import { NO_STREAM_VERSION } from '../port/expected-version';
import { checkAppend, firstRejection, type StoredEventId } from '../port/multi-stream-append';
import type { PreparedAppend } from '../port/validate';
import type { Queryable } from './append';
import { appendModeOf } from './append-sql';
import { appendMultiSql, CAS_FAILED_MARKER, resolveMultiSql } from './append-multi-sql';
import { statementName, type PostgresTables } from './tables';

interface AppendedRow {
  stream_name: string;
  stream_version: string;
  global_position: string;
  transaction_id: string;
}

const UNIQUE_VIOLATION = '23505';
const INVALID_TEXT_REPRESENTATION = '22P02';

/**
 * Appends the entries in one statement. When it fails (a compare-and-set, or a stored event
 * id), it has rolled back entirely; one query then reads the streams' versions and the ids'
 * whereabouts. The first rejected entry in input order is thrown; entries that turn out to be
 * already applied are answered as such and the statement runs again without them. Each retry
 * drops at least one entry, so this ends.
 */
export async function appendMultiPrepared(
  db: Queryable,
  tables: PostgresTables,
  appends: readonly PreparedAppend[],
): Promise<AppendResult[]> {
  const results: (AppendResult | undefined)[] = appends.map(() => undefined);
  let pending = appends.map((_, index) => index);
  while (pending.length > 0) {
    const batch = pending.map((index) => appends[index]);
    let rows: AppendedRow[];
    try {
      ({ rows } = await db.query<AppendedRow>({
        name: statementName(tables, 'append-multi'),
        text: appendMultiSql(tables),
        values: appendMultiValues(batch),
      }));
    } catch (error) {
      const failedEntry = casFailedEntry(error);
      if (failedEntry === undefined && !isDuplicateEventId(error, tables)) throw error;
      const { checks, versions } = await checkAfterFailure(db, tables, batch);
      const rejection = firstRejection(checks);
      if (rejection) throw rejection;
      if (!checks.some((check) => check.status === 'already_applied')) {
        throw unexplained(error, batch, versions, failedEntry);
      }
      checks.forEach((check, i) => {
        if (check.status === 'already_applied') {
          results[pending[i]] = {
            status: check.status,
            nextExpectedVersion: check.nextExpectedVersion,
          };
        }
      });
      pending = pending.filter((_, i) => checks[i].status !== 'already_applied');
      continue;
    }
    const byStream = new Map(rows.map((row) => [row.stream_name, row]));
    for (const index of pending) {
      const row = byStream.get(appends[index].streamName)!;
      results[index] = {
        status: 'appended',
        nextExpectedVersion: Number(row.stream_version),
        checkpoint: encodeCheckpoint(row.transaction_id, row.global_position),
      };
    }
    pending = [];
  }
  return results as AppendResult[];
}

function appendMultiValues(batch: readonly PreparedAppend[]): unknown[] {
  const entry: number[] = [];
  const position: number[] = [];
  const ids: string[] = [];
  const types: string[] = [];
  const data: string[] = [];
  const metadata: string[] = [];
  batch.forEach((append, index) => {
    append.events.forEach((event, n) => {
      entry.push(index + 1);
      position.push(n + 1);
      ids.push(event.eventId);
      types.push(event.type);
      data.push(event.dataJson);
      metadata.push(event.metadataJson);
    });
  });
  return [
    batch.map((a) => a.streamName),
    batch.map((a) => a.category),
    batch.map((a) => appendModeOf(a.expected)),
    batch.map((a) => (typeof a.expected === 'number' ? String(a.expected) : null)),
    batch.map((a) => a.events.length),
    entry,
    position,
    ids,
    types,
    data,
    metadata,
  ];
}

/** Runs after the statement rolled back, so it sees what made it fail (or what came since). */
async function checkAfterFailure(
  db: Queryable,
  tables: PostgresTables,
  batch: readonly PreparedAppend[],
) {
  const { rows } = await db.query<{
    versions: { streamName: string; version: string }[];
    stored: StoredEventId[];
  }>({
    name: statementName(tables, 'resolve-multi'),
    text: resolveMultiSql(tables),
    values: [batch.map((a) => a.streamName), batch.flatMap((a) => a.events.map((e) => e.eventId))],
  });
  const [{ versions, stored }] = rows;
  const versionOf = new Map(versions.map((v) => [v.streamName, Number(v.version)]));
  const storedById = new Map(stored.map((s) => [s.eventId, s]));
  const current = batch.map((a) => versionOf.get(a.streamName) ?? NO_STREAM_VERSION);
  const checks = batch.map((append, i) =>
    checkAppend(
      append,
      current[i],
      append.events.flatMap((e) => storedById.get(e.eventId) ?? []),
    ),
  );
  return { checks, versions: current };
}

/**
 * The statement failed but nothing explains it any more: the failing stream changed again in
 * between (e.g. `stream_exists` on a stream created just after). Reported like the single
 * append reports it: a version conflict with the version read now.
 */
function unexplained(
  error: unknown,
  batch: readonly PreparedAppend[],
  versions: readonly number[],
  failedEntry: number | undefined,
): unknown {
  if (failedEntry === undefined) return error; // a stored id cannot vanish; keep the original
  const append = batch[failedEntry - 1];
  return new WrongExpectedVersionError(
    append.streamName,
    append.expected,
    versions[failedEntry - 1],
    {
      cause: error,
    },
  );
}

/** The 1-based entry whose compare-and-set failed, if this is the statement's own error. */
function casFailedEntry(error: unknown): number | undefined {
  const e = error as { code?: unknown; message?: unknown };
  if (e?.code !== INVALID_TEXT_REPRESENTATION || typeof e.message !== 'string') return undefined;
  const at = e.message.indexOf(CAS_FAILED_MARKER);
  if (at < 0) return undefined;
  return Number.parseInt(e.message.slice(at + CAS_FAILED_MARKER.length), 10);
}

function isDuplicateEventId(error: unknown, tables: PostgresTables): boolean {
  const e = error as { code?: unknown; constraint?: unknown };
  return e?.code === UNIQUE_VIOLATION && e.constraint === tables.eventIdConstraint;
}
