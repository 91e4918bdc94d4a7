import type {
  EventMetadata,
  EventStore,
  NewEvent,
  RecordedEvent,
  WrongExpectedVersionError,
} from '@inventory/event-store';
import { fold, type Decider } from './decider';
import { ConflictError } from './domain-error';
import { eventIdFor, randomEventId } from './event-ids';

/** Type-only imports keep this library free of the event store's adapters and drivers. */
export type CommandStore = Pick<EventStore, 'readStream' | 'appendToStream'>;

const VERSION_CONFLICT: WrongExpectedVersionError['code'] = 'WRONG_EXPECTED_VERSION';
const NO_STREAM = -1;

export interface EncodedEvent {
  type: string;
  data: unknown;
  metadata?: EventMetadata;
}

export interface HandleCommandOptions<Event> {
  /**
   * Stable id of this command (an idempotency key, a message id). Event ids are then
   * `eventIdFor(commandId, index)`, and a command whose events are already in the stream is
   * answered with them instead of being decided again. Without it, ids are random and a
   * redelivered command is decided and appended again.
   */
  commandId?: string;
  /** Merged into every event's metadata; causationId defaults to the commandId. */
  metadata?: EventMetadata;
  /** Default: `{ type: event.type, data: event }`. */
  encode?: (event: Event) => EncodedEvent;
  /** Default: the recorded data. */
  decode?: (recorded: RecordedEvent) => Event;
  /** Re-reads and decides again at most this many times after version conflicts; default 3. */
  maxRetries?: number;
}

export interface HandleCommandResult<Event, State> {
  /** `unchanged`: the decider returned no events, nothing was appended. */
  status: 'appended' | 'already_applied' | 'unchanged';
  /** The events appended now, or those appended earlier for the same commandId. */
  events: Event[];
  state: State;
  /** Stream version after the command; -1 if the stream still does not exist. */
  streamVersion: number;
  attempts: number;
}

/** Concurrent writers won `maxRetries + 1` times in a row; retrying later is reasonable. */
export class ConcurrencyConflictError extends ConflictError<'CONCURRENCY_CONFLICT'> {}

/**
 * Load the stream, fold, decide, append with the loaded version; on a version conflict do it
 * all again on the fresh state, a bounded number of times. Never appends without the version
 * guard, so a decision is only committed against the state it was made on.
 */
export async function handleCommand<Command, Event, State>(
  store: CommandStore,
  streamName: string,
  command: Command,
  decider: Decider<Command, Event, State>,
  options: HandleCommandOptions<Event> = {},
): Promise<HandleCommandResult<Event, State>> {
  const decode = options.decode ?? ((recorded: RecordedEvent) => recorded.data as Event);
  const maxRetries = options.maxRetries ?? 3;
  if (!Number.isInteger(maxRetries) || maxRetries < 0) {
    throw new TypeError('handleCommand: maxRetries must be a non-negative integer');
  }
  let lastConflict: unknown;
  for (let attempts = 1; attempts <= maxRetries + 1; attempts++) {
    const recorded = await store.readStream(streamName);
    const version = recorded.length ? recorded[recorded.length - 1].streamVersion : NO_STREAM;
    const state = fold(decider, recorded.map(decode));
    const earlier = options.commandId ? eventsOfCommand(recorded, options.commandId) : [];
    if (earlier.length > 0) {
      return {
        status: 'already_applied',
        events: earlier.map(decode),
        state,
        streamVersion: version,
        attempts,
      };
    }
    const events = decider.decide(command, state);
    if (events.length === 0)
      return { status: 'unchanged', events, state, streamVersion: version, attempts };
    try {
      const result = await store.appendToStream(
        streamName,
        events.map((event, index) => toNewEvent(event, index, options)),
        version === NO_STREAM ? 'no_stream' : version,
      );
      if (result.status === 'appended') {
        const next = fold(decider, events, state);
        return {
          status: 'appended',
          events,
          state: next,
          streamVersion: result.nextExpectedVersion,
          attempts,
        };
      }
      // A concurrent delivery of the same command got there first: the next read reports it.
    } catch (error) {
      if ((error as { code?: unknown } | null)?.code !== VERSION_CONFLICT) throw error;
      lastConflict = error;
    }
  }
  throw new ConcurrencyConflictError(
    'CONCURRENCY_CONFLICT',
    `stream ${streamName} kept changing; gave up after ${maxRetries + 1} attempts`,
    { streamName, attempts: maxRetries + 1 },
    { cause: lastConflict },
  );
}

function toNewEvent<Event>(
  event: Event,
  index: number,
  options: HandleCommandOptions<Event>,
): NewEvent {
  const encoded = options.encode
    ? options.encode(event)
    : { type: (event as { type: string }).type, data: event };
  return {
    eventId: options.commandId ? eventIdFor(options.commandId, index) : randomEventId(),
    type: encoded.type,
    data: encoded.data,
    metadata: {
      ...(options.commandId ? { causationId: options.commandId } : {}),
      ...options.metadata,
      ...encoded.metadata,
    },
  };
}

/** The events a command appended: consecutive, with ids eventIdFor(commandId, 0, 1, ...). */
function eventsOfCommand(recorded: RecordedEvent[], commandId: string): RecordedEvent[] {
  const start = recorded.findIndex((e) => e.eventId === eventIdFor(commandId, 0));
  if (start < 0) return [];
  const events: RecordedEvent[] = [];
  for (
    let i = start;
    i < recorded.length && recorded[i].eventId === eventIdFor(commandId, i - start);
    i++
  ) {
    events.push(recorded[i]);
  }
  return events;
}
