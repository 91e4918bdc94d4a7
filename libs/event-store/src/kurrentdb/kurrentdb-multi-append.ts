import type * as Kurrent from '@kurrent/kurrentdb-client';
import type { Checkpoint } from '../port/checkpoint';
import { EventStoreArgumentError, WrongExpectedVersionError } from '../port/errors';
import type { AppendResult, StreamAppend } from '../port/event-store';
import {
  checkAppend,
  firstRejection,
  prepareMultiStreamAppend,
  type AppendCheck,
} from '../port/multi-stream-append';
import type { PreparedAppend } from '../port/validate';
import { findStoredBatch } from './kurrentdb-idempotency';
import {
  errorType,
  toActualVersion,
  toStreamState,
  WRONG_EXPECTED_VERSION,
} from './kurrentdb-mapping';

export interface MultiAppendDeps {
  kurrent: typeof Kurrent;
  client: Kurrent.KurrentDBClient;
  idempotencyWindow: number;
  /** The checkpoint of a stream's event at `version`. */
  checkpointAt(streamName: string, version: number): Promise<Checkpoint>;
}

/** Reads per call run at most this many at a time. */
const READ_CONCURRENCY = 16;
/** Server conflicts that a re-check no longer explains are retried this often, then thrown. */
const MAX_ATTEMPTS = 3;

/**
 * `appendToStreams` on KurrentDB 25.1+ (`multiStreamAppend`, atomic on the server). KurrentDB
 * neither reports already-applied batches nor says which of several failing streams comes
 * first, so every stream is checked before the write (its latest `idempotencyWindow` events)
 * and again after a conflict; already-applied entries are answered and dropped, and the first
 * rejected entry in input order is thrown. Checkpoints are read back per stream, as for
 * single-stream batches. Not run against a server here (see docs/event-store.md).
 */
export async function appendToStreamsOnKurrent(
  deps: MultiAppendDeps,
  appends: ReadonlyArray<StreamAppend>,
): Promise<AppendResult[]> {
  const prepared = prepareMultiStreamAppend(appends);
  prepared.forEach(assertStringMetadata);
  const results: (AppendResult | undefined)[] = prepared.map(() => undefined);
  let pending = prepared.map((_, index) => index);
  for (let attempt = 1; pending.length > 0; attempt++) {
    const checks = await mapLimit(pending, (index) => check(deps, prepared[index]));
    const rejection = firstRejection(checks);
    if (rejection) throw rejection;
    checks.forEach((c, i) => {
      if (c.status === 'already_applied') results[pending[i]] = c;
    });
    pending = pending.filter((_, i) => checks[i].status === 'append');
    if (pending.length === 0) break;
    try {
      const written = await deps.client.multiStreamAppend(
        pending.map((index) => toRequest(deps.kurrent, prepared[index])),
      );
      const revisions = new Map(written.responses.map((r) => [r.streamName, r.revision]));
      const appended = await mapLimit(pending, async (index) => {
        const version = Number(revisions.get(prepared[index].streamName));
        const checkpoint = await deps.checkpointAt(prepared[index].streamName, version);
        return { status: 'appended' as const, nextExpectedVersion: version, checkpoint };
      });
      appended.forEach((result, i) => (results[pending[i]] = result));
      break;
    } catch (error) {
      if (errorType(error) !== WRONG_EXPECTED_VERSION || attempt >= MAX_ATTEMPTS) {
        throw toPortError(error, prepared);
      }
    }
  }
  return results as AppendResult[];
}

async function check(deps: MultiAppendDeps, append: PreparedAppend): Promise<AppendCheck> {
  const ids = append.events.map((e) => e.eventId);
  const stored = await findStoredBatch(deps.client, append.streamName, ids, deps.idempotencyWindow);
  const here = stored.found.map((eventId) => ({ eventId, streamName: append.streamName }));
  return checkAppend(append, stored.currentVersion, here);
}

function toRequest(kurrent: typeof Kurrent, append: PreparedAppend): Kurrent.AppendStreamRequest {
  return {
    streamName: append.streamName,
    expectedState: toStreamState(append.expected),
    events: append.events.map((e) =>
      kurrent.jsonEvent({
        id: e.eventId,
        type: e.type,
        data: JSON.parse(e.dataJson),
        metadata: JSON.parse(e.metadataJson),
      }),
    ),
  };
}

/** The client's multi-stream append takes metadata as string properties only. */
export function assertStringMetadata(append: PreparedAppend, index: number): void {
  for (const event of append.events) {
    const metadata = JSON.parse(event.metadataJson) as Record<string, unknown>;
    const key = Object.keys(metadata).find((k) => typeof metadata[k] !== 'string');
    if (key !== undefined) {
      throw new EventStoreArgumentError(
        `append ${index}: KurrentDB multi-stream appends take string metadata values only ` +
          `(${key} is not a string); append this stream with appendToStream`,
      );
    }
  }
}

function toPortError(error: unknown, prepared: readonly PreparedAppend[]): unknown {
  if (errorType(error) !== WRONG_EXPECTED_VERSION) return error;
  const conflict = error as Kurrent.WrongExpectedVersionError;
  const append = prepared.find((a) => a.streamName === conflict.streamName);
  if (!append) return error;
  const actual = toActualVersion(conflict.actualState);
  return new WrongExpectedVersionError(append.streamName, append.expected, actual, {
    cause: error,
  });
}

async function mapLimit<T, R>(items: readonly T[], fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, items.length) }, worker));
  return results;
}
