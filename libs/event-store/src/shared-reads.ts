import {
  supportsBacklog,
  type AppendResult,
  type Checkpoint,
  type EventStore,
  type ExpectedVersion,
  type NewEvent,
  type ReadAllOptions,
  type ReadAllResult,
  type ReadStreamOptions,
  type RecordedEvent,
} from './port';

interface InFlight {
  epoch: number;
  page: Promise<ReadAllResult>;
}

/**
 * The event store as a service's followers see it (its outbox relay and projection runners):
 * identical `readAll` calls that overlap share one read. An append wakes every follower at once,
 * and followers that had caught up ask for the same page (same checkpoint, limit and
 * categories): one statement, one set of rows to decode, instead of one per follower.
 *
 * `announce()` must be called when an append is announced, before the followers are woken: a
 * read that started before it may not see that append, so no later read joins it (the follower
 * woken for the append would otherwise get a page without it and wait for the next poll). Pages
 * are shared objects: callers must not change them. Writes, stream reads and `backlog` go to
 * the store as they are; closing this view leaves the store open (it does not own it).
 */
export class SharedReads implements EventStore {
  readonly backlog?: EventStore['backlog'];
  private epoch = 0;
  private readonly inFlight = new Map<string, InFlight>();

  constructor(private readonly store: EventStore) {
    if (supportsBacklog(store)) this.backlog = (after, options) => store.backlog(after, options);
  }

  /** An append was announced: reads started before now are not shared any more. */
  announce(): void {
    this.epoch++;
  }

  readAll(
    after: Checkpoint | null,
    limit: number,
    options?: ReadAllOptions,
  ): Promise<ReadAllResult> {
    const categories = options?.categories ? [...options.categories].sort().join(',') : '*';
    const key = `${after ?? ''}|${limit}|${categories}`;
    const shared = this.inFlight.get(key);
    if (shared && shared.epoch === this.epoch) return shared.page;
    const entry: InFlight = { epoch: this.epoch, page: this.store.readAll(after, limit, options) };
    this.inFlight.set(key, entry);
    const done = (): void => {
      if (this.inFlight.get(key) === entry) this.inFlight.delete(key);
    };
    entry.page.then(done, done);
    return entry.page;
  }

  appendToStream(
    streamName: string,
    events: readonly NewEvent[],
    expected: ExpectedVersion,
  ): Promise<AppendResult> {
    return this.store.appendToStream(streamName, events, expected);
  }

  readStream(streamName: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.store.readStream(streamName, options);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
