import type * as Kurrent from '@kurrent/kurrentdb-client';
import type { Checkpoint } from '../port/checkpoint';
import type { RecordedEvent } from '../port/events';
import {
  checkpointToPosition,
  errorType,
  isSystemEvent,
  positionToCheckpoint,
  STREAM_NOT_FOUND,
  toRecordedEvent,
} from './kurrentdb-mapping';

/** A stream in version order; a stream that does not exist reads as empty, as in the port. */
export async function readStreamEvents(
  client: Kurrent.KurrentDBClient,
  streamName: string,
  fromVersion: number,
  maxCount: number | undefined,
): Promise<RecordedEvent[]> {
  if (maxCount === 0) return [];
  const events: RecordedEvent[] = [];
  try {
    const read = client.readStream(streamName, {
      fromRevision: BigInt(fromVersion),
      maxCount: maxCount ?? Number.MAX_SAFE_INTEGER,
    });
    for await (const resolved of read) {
      if (resolved.event) events.push(toRecordedEvent(resolved.event, resolved.commitPosition));
    }
  } catch (error) {
    if (errorType(error) === STREAM_NOT_FOUND) return [];
    throw error;
  }
  return events;
}

/**
 * `$all` forwards after a checkpoint. KurrentDB has no gap problem: `$all` is the commit log
 * itself. Reading from a position includes the event at it, hence `limit + 1` and the skip.
 */
export async function readAllEvents(
  kurrent: typeof Kurrent,
  client: Kurrent.KurrentDBClient,
  after: Checkpoint | null,
  limit: number,
  categories: string[] | undefined,
): Promise<RecordedEvent[]> {
  const filter = categories
    ? kurrent.streamNameFilter({ prefixes: categories.map((c) => `${c}-`) })
    : kurrent.excludeSystemEvents();
  const read = client.readAll({
    fromPosition: after ? checkpointToPosition(after) : kurrent.START,
    maxCount: limit + 1,
    filter,
  });
  const events: RecordedEvent[] = [];
  for await (const resolved of read) {
    const event = resolved.event;
    if (!event || isSystemEvent(event)) continue;
    if (after !== null && positionToCheckpoint(event.position) <= after) continue;
    events.push(toRecordedEvent(event));
    // Leaving the loop early cancels the server-side read.
    if (events.length === limit) break;
  }
  return events;
}
