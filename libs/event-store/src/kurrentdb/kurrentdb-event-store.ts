import type * as Kurrent from '@kurrent/kurrentdb-client';
import type { Checkpoint } from '../port/checkpoint';
import { EventIdConflictError, WrongExpectedVersionError } from '../port/errors';
import type { NewEvent, RecordedEvent } from '../port/events';
import type {
  AppendResult,
  EventStore,
  ReadAllOptions,
  ReadAllResult,
  ReadStreamOptions,
  StreamAppend,
} from '../port/event-store';
import type { ExpectedVersion } from '../port/expected-version';
import {
  prepareAppend,
  validateReadAll,
  validateReadStream,
  type PreparedAppend,
} from '../port/validate';
import { findStoredBatch } from './kurrentdb-idempotency';
import {
  errorType,
  positionToCheckpoint,
  toActualVersion,
  toStreamState,
  WRONG_EXPECTED_VERSION,
} from './kurrentdb-mapping';
import { appendToStreamsOnKurrent } from './kurrentdb-multi-append';
import { readAllEvents, readStreamEvents } from './kurrentdb-reads';

type KurrentModule = typeof Kurrent;

export interface KurrentDbEventStoreOptions {
  /** How many of a stream's latest events are searched for a retried batch; default 1000. */
  idempotencyWindow?: number;
  /**
   * Offer `appendToStreams` (the server's multi-stream append). Needs KurrentDB 25.1 or newer,
   * so it is off by default: without it `supportsMultiStreamAppend` is false and callers fall
   * back to single-stream appends.
   */
  multiStreamAppend?: boolean;
}

/**
 * EventStore on KurrentDB (EventStoreDB) 22.10 or newer through its gRPC client. The client is
 * loaded on connect(), so importing this library does not load its native bridge.
 *
 * KurrentDB recognises a retried batch itself only when the expected version is exact and
 * cannot tell the caller it did so, so this adapter looks for the batch's ids among the
 * stream's latest events before appending (and again after a conflict). Ids are unique per
 * stream in KurrentDB, not store-wide as in PostgreSQL.
 */
export class KurrentDbEventStore implements EventStore {
  /** Present only with the `multiStreamAppend` option; see kurrentdb-multi-append.ts. */
  readonly appendToStreams?: (appends: ReadonlyArray<StreamAppend>) => Promise<AppendResult[]>;

  private constructor(
    private readonly kurrent: KurrentModule,
    private readonly client: Kurrent.KurrentDBClient,
    private readonly idempotencyWindow: number,
    multiStreamAppend: boolean,
  ) {
    if (multiStreamAppend) {
      const deps = {
        kurrent,
        client,
        idempotencyWindow,
        // No position given, so the event is read back.
        checkpointAt: (stream: string, version: number) => this.checkpointOf(stream, version, 1),
      };
      this.appendToStreams = (appends) => appendToStreamsOnKurrent(deps, appends);
    }
  }

  static async connect(
    connectionString: string,
    options: KurrentDbEventStoreOptions = {},
  ): Promise<KurrentDbEventStore> {
    const kurrent: KurrentModule = await import('@kurrent/kurrentdb-client');
    const client = kurrent.KurrentDBClient.connectionString(connectionString);
    return new KurrentDbEventStore(
      kurrent,
      client,
      options.idempotencyWindow ?? 1000,
      options.multiStreamAppend ?? false,
    );
  }

  async appendToStream(
    streamName: string,
    events: readonly NewEvent[],
    expected: ExpectedVersion,
  ): Promise<AppendResult> {
    const append = prepareAppend(streamName, events, expected);
    const ids = append.events.map((e) => e.eventId);
    const before = await this.alreadyApplied(append, ids);
    if (before) return before;
    try {
      const result = await this.client.appendToStream(
        streamName,
        append.events.map((e) =>
          this.kurrent.jsonEvent({
            id: e.eventId,
            type: e.type,
            data: JSON.parse(e.dataJson),
            metadata: JSON.parse(e.metadataJson),
          }),
        ),
        { streamState: toStreamState(expected) },
      );
      const next = Number(result.nextExpectedRevision);
      return {
        status: 'appended',
        nextExpectedVersion: next,
        checkpoint: await this.checkpointOf(streamName, next, ids.length, result.position),
      };
    } catch (error) {
      if (errorType(error) !== WRONG_EXPECTED_VERSION) throw error;
      const after = await this.alreadyApplied(append, ids);
      if (after) return after;
      const actual = toActualVersion((error as Kurrent.WrongExpectedVersionError).actualState);
      throw new WrongExpectedVersionError(streamName, expected, actual, { cause: error });
    }
  }

  async readStream(streamName: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    const { fromVersion, maxCount } = validateReadStream(streamName, options);
    return readStreamEvents(this.client, streamName, fromVersion, maxCount);
  }

  async readAll(
    after: Checkpoint | null,
    limit: number,
    options?: ReadAllOptions,
  ): Promise<ReadAllResult> {
    const { categories } = validateReadAll(after, limit, options);
    const events = await readAllEvents(this.kurrent, this.client, after, limit, categories);
    return { events, checkpoint: events.length ? events[events.length - 1].checkpoint : after };
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }

  private async alreadyApplied(
    append: PreparedAppend,
    ids: string[],
  ): Promise<AppendResult | undefined> {
    const stored = await findStoredBatch(
      this.client,
      append.streamName,
      ids,
      this.idempotencyWindow,
    );
    if (stored.found.length === 0) return undefined;
    if (stored.found.length === ids.length)
      return { status: 'already_applied', nextExpectedVersion: stored.currentVersion };
    throw new EventIdConflictError(append.streamName, stored.found);
  }

  /**
   * The append result's position is the write's; for a multi-event write the last event sits
   * further on, so its position is read back to keep "checkpoint = last event" exact.
   */
  private async checkpointOf(
    streamName: string,
    lastVersion: number,
    count: number,
    position?: Kurrent.Position,
  ): Promise<Checkpoint> {
    if (position && count === 1) return positionToCheckpoint(position);
    const [last] = await this.readStream(streamName, { fromVersion: lastVersion, maxCount: 1 });
    return last.checkpoint;
  }
}
