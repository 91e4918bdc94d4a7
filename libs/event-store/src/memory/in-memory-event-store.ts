import { encodeCheckpoint, type Checkpoint } from '../port/checkpoint';
import type { NewEvent, RecordedEvent } from '../port/events';
import type {
  AppendResult,
  Backlog,
  BacklogOptions,
  EventStore,
  ReadAllOptions,
  ReadAllResult,
  ReadStreamOptions,
  StreamAppend,
} from '../port/event-store';
import type { ExpectedVersion } from '../port/expected-version';
import { categoryOf } from '../port/stream-name';
import {
  checkAppend,
  firstRejection,
  prepareMultiStreamAppend,
  type StoredEventId,
} from '../port/multi-stream-append';
import {
  prepareAppend,
  validateBacklog,
  validateReadAll,
  validateReadStream,
  type PreparedAppend,
} from '../port/validate';

export interface InMemoryEventStoreOptions {
  /** Source of `recordedAt`; inject a fixed clock for deterministic tests. */
  clock?: () => Date;
}

interface StoredEvent {
  event: RecordedEvent;
  category: string;
}

/**
 * The port's semantics without storage, for unit tests. Each append is atomic because it runs
 * synchronously to completion; there is no gap problem, but checkpoints use the same format
 * and ordering as the other adapters (commit number : global position). Data goes through
 * JSON on the way in, like every real adapter, and reads return copies.
 */
export class InMemoryEventStore implements EventStore {
  private readonly clock: () => Date;
  private readonly streams = new Map<string, RecordedEvent[]>();
  private readonly log: StoredEvent[] = [];
  private readonly eventIds = new Map<string, string>();
  private commits = 0n;
  private position = 0n;
  private closed = false;

  constructor(options: InMemoryEventStoreOptions = {}) {
    this.clock = options.clock ?? (() => new Date());
  }

  async appendToStream(
    streamName: string,
    events: readonly NewEvent[],
    expected: ExpectedVersion,
  ): Promise<AppendResult> {
    this.assertOpen();
    const prepared = prepareAppend(streamName, events, expected);
    // Same precedence as the PostgreSQL adapter: a stored batch is recognised even when the
    // expected version is stale, before the version check can report a conflict.
    const check = checkAppend(prepared, this.currentVersion(streamName), this.storedIds(prepared));
    if (check.status === 'rejected') throw check.error;
    if (check.status === 'already_applied') {
      return { status: 'already_applied', nextExpectedVersion: check.nextExpectedVersion };
    }
    return this.write([prepared], ++this.commits)[0];
  }

  /**
   * All entries in one commit: checked first, in input order, so that a rejection leaves
   * everything untouched; then written together, sharing one commit number like the events
   * of one PostgreSQL transaction.
   */
  async appendToStreams(appends: ReadonlyArray<StreamAppend>): Promise<AppendResult[]> {
    this.assertOpen();
    const prepared = prepareMultiStreamAppend(appends);
    const checks = prepared.map((append) =>
      checkAppend(append, this.currentVersion(append.streamName), this.storedIds(append)),
    );
    const rejection = firstRejection(checks);
    if (rejection) throw rejection;
    const toWrite = prepared.filter((_, i) => checks[i].status === 'append');
    const written = toWrite.length ? this.write(toWrite, ++this.commits) : [];
    let next = 0;
    return checks.map((check) =>
      check.status === 'already_applied'
        ? { status: 'already_applied', nextExpectedVersion: check.nextExpectedVersion }
        : written[next++],
    );
  }

  private currentVersion(streamName: string): number {
    return (this.streams.get(streamName)?.length ?? 0) - 1;
  }

  private storedIds(append: PreparedAppend): StoredEventId[] {
    const stored: StoredEventId[] = [];
    for (const { eventId } of append.events) {
      const streamName = this.eventIds.get(eventId);
      if (streamName !== undefined) stored.push({ eventId, streamName });
    }
    return stored;
  }

  private write(appends: PreparedAppend[], commit: bigint): AppendResult[] {
    const recordedAt = this.clock();
    return appends.map(({ streamName, category, events }) => {
      const stream = this.streams.get(streamName) ?? [];
      for (const e of events) {
        const event: RecordedEvent = {
          eventId: e.eventId,
          type: e.type,
          data: JSON.parse(e.dataJson),
          metadata: JSON.parse(e.metadataJson),
          streamName,
          streamVersion: stream.length,
          checkpoint: encodeCheckpoint(commit, ++this.position),
          recordedAt: new Date(recordedAt.getTime()),
        };
        stream.push(event);
        this.log.push({ event, category });
        this.eventIds.set(e.eventId, streamName);
      }
      this.streams.set(streamName, stream);
      const last = stream[stream.length - 1];
      return {
        status: 'appended',
        nextExpectedVersion: last.streamVersion,
        checkpoint: last.checkpoint,
      };
    });
  }

  async readStream(streamName: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    this.assertOpen();
    const { fromVersion, maxCount } = validateReadStream(streamName, options);
    const stream = this.streams.get(streamName) ?? [];
    const end = maxCount === undefined ? undefined : fromVersion + maxCount;
    return stream.slice(fromVersion, end).map(copy);
  }

  async readAll(
    after: Checkpoint | null,
    limit: number,
    options?: ReadAllOptions,
  ): Promise<ReadAllResult> {
    this.assertOpen();
    const { categories } = validateReadAll(after, limit, options);
    const wanted = categories ? new Set(categories) : undefined;
    const events: RecordedEvent[] = [];
    for (let i = this.firstIndexAfter(after); i < this.log.length && events.length < limit; i++) {
      const { event, category } = this.log[i];
      if (!wanted || wanted.has(category)) events.push(copy(event));
    }
    return { events, checkpoint: events.length ? events[events.length - 1].checkpoint : after };
  }

  async backlog(after: Checkpoint | null, options?: BacklogOptions): Promise<Backlog> {
    this.assertOpen();
    const { categories, max } = validateBacklog(after, options);
    const counts = new Map<string, number>();
    let events = 0;
    let oldest: Date | undefined;
    for (let i = this.firstIndexAfter(after); i < this.log.length; i++) {
      const { event, category } = this.log[i];
      if (categories && !categories.includes(category)) continue;
      const n = counts.get(category) ?? 0;
      if (n >= max) continue;
      counts.set(category, n + 1);
      events++;
      if (!oldest || event.recordedAt < oldest) oldest = event.recordedAt;
    }
    const age = oldest ? (this.clock().getTime() - oldest.getTime()) / 1000 : 0;
    return { events, oldestAgeSeconds: Math.max(0, age) };
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  /** Current version of a stream, NO_STREAM_VERSION if absent; handy in tests. */
  streamVersion(streamName: string): number {
    categoryOf(streamName);
    return this.currentVersion(streamName);
  }

  /** Binary search: the log is sorted by checkpoint because commits only ever append. */
  private firstIndexAfter(after: Checkpoint | null): number {
    if (after === null) return 0;
    let low = 0;
    let high = this.log.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.log[mid].event.checkpoint <= after) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('InMemoryEventStore is closed');
  }
}

/** Stored data is JSON already, so a JSON round trip is a faithful deep copy. */
function copy(event: RecordedEvent): RecordedEvent {
  return {
    ...event,
    data: JSON.parse(JSON.stringify(event.data)),
    metadata: JSON.parse(JSON.stringify(event.metadata)),
    recordedAt: new Date(event.recordedAt.getTime()),
  };
}
