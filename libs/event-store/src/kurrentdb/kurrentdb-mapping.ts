import type {
  AllStreamRecordedEvent,
  AppendStreamState,
  CurrentStreamState,
  Position,
  RecordedEvent as KurrentRecordedEvent,
} from '@kurrent/kurrentdb-client';
import { decodeCheckpoint, encodeCheckpoint, type Checkpoint } from '../port/checkpoint';
import type { EventMetadata, RecordedEvent } from '../port/events';
import { NO_STREAM_VERSION, type ExpectedVersion } from '../port/expected-version';

/**
 * Pure translation between the port and the KurrentDB client's types. Only types are imported
 * from the client (the literals below are its constants' values), so this module loads and is
 * unit-tested without the client's native bridge.
 */
export function toStreamState(expected: ExpectedVersion): AppendStreamState {
  return typeof expected === 'number' ? BigInt(expected) : expected;
}

export function toActualVersion(state: CurrentStreamState | undefined): number {
  return typeof state === 'bigint' ? Number(state) : NO_STREAM_VERSION;
}

/** $all order is (commit, prepare); both parts are kept so a reader resumes exactly. */
export function positionToCheckpoint(position: Position): Checkpoint {
  return encodeCheckpoint(position.commit, position.prepare);
}

export function checkpointToPosition(checkpoint: Checkpoint): Position {
  const { major, minor } = decodeCheckpoint(checkpoint);
  return { commit: major, prepare: minor };
}

/** The client reports errors as CommandError objects with a string `type`. */
export function errorType(error: unknown): string | undefined {
  const type = (error as { type?: unknown } | null)?.type;
  return typeof type === 'string' ? type : undefined;
}

export const WRONG_EXPECTED_VERSION = 'wrong-expected-version';
export const STREAM_NOT_FOUND = 'stream-not-found';

/** System events ($metadata, $>, projections' output) are KurrentDB's own, never ours. */
export function isSystemEvent(event: { type: string; streamId: string }): boolean {
  return event.type.startsWith('$') || event.streamId.startsWith('$');
}

/**
 * Servers before 22.10 do not report positions on stream reads; such events get checkpoint
 * 0:0, which is fine for readStream (ordered by version) but means nothing in $all order.
 */
export function toRecordedEvent(
  event: KurrentRecordedEvent | AllStreamRecordedEvent,
  commitPosition?: bigint,
): RecordedEvent {
  const position =
    event.position ??
    (commitPosition !== undefined
      ? { commit: commitPosition, prepare: commitPosition }
      : undefined);
  return {
    eventId: event.id.toLowerCase(),
    type: event.type,
    data: event.data,
    metadata: toMetadata(event.metadata),
    streamName: event.streamId,
    streamVersion: Number(event.revision),
    checkpoint: positionToCheckpoint(position ?? { commit: 0n, prepare: 0n }),
    recordedAt: event.created,
  };
}

function toMetadata(metadata: unknown): EventMetadata {
  return typeof metadata === 'object' &&
    metadata !== null &&
    !ArrayBuffer.isView(metadata) &&
    !Array.isArray(metadata)
    ? (metadata as EventMetadata)
    : {};
}
