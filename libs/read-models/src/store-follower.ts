import { EventEmitter } from 'events';
import {
  IdlePoll,
  storedCategory,
  supportsBacklog,
  type Backlog,
  type EventStore,
  type IdlePollOptions,
  type RecordedEvent,
} from '@inventory/event-store';
import { waitForCheckpoint } from './runner-signals';

export interface StoreFollowerOptions {
  store: EventStore;
  /** Stream categories the follower applies. */
  categories: readonly string[];
  /**
   * Categories it reads, a superset of `categories` (default: those): followers of one service
   * that read the same categories share their reads (SharedReads); events of the others are
   * read past, their checkpoints stored like any other.
   */
  readCategories?: readonly string[];
  batchSize?: number;
  /** Waits between reads that found nothing (IdlePoll: 25 ms backing off to 100 ms). */
  idlePoll?: IdlePollOptions;
  onError?: (err: unknown) => void;
}

/** What applying a page did: how many of its events were new, and the checkpoint stored after. */
export interface AppliedPage {
  count: number;
  last: string;
}

/**
 * What both projection runners (Redis and PostgreSQL) share: following the event store from a
 * stored checkpoint, page by page. A subclass stores the checkpoint with the page's writes,
 * atomically, and refuses a page read after a checkpoint later than the stored one.
 *
 * The position of the next read is kept in memory (the checkpoint the last page left stored),
 * so a running follower does not read its stored checkpoint before every page; it does at start,
 * after a failure, and when a page is refused (Redis lost its data, a rebuild elsewhere reset the
 * projection), and starts over from it. Emits `applied` (checkpoint) after every page,
 * `caught-up` when a read finds nothing new, and `failure`.
 */
export abstract class StoreFollower extends EventEmitter {
  private lastApplied: string | null = null;
  private readonly batchSize: number;
  private running = false;
  private loop?: Promise<void>;
  private readonly idler: IdlePoll;
  /** Where the next read starts; undefined: unknown, read the stored checkpoint first. */
  private position?: string | null;
  private readonly readCategories: readonly string[];

  protected constructor(private readonly follow: StoreFollowerOptions) {
    super();
    this.idler = new IdlePoll(follow.idlePoll);
    this.batchSize = follow.batchSize ?? 1000;
    this.readCategories = follow.readCategories ?? follow.categories;
    if (follow.categories.some((c) => !this.readCategories.includes(c)))
      throw new Error(`${this.constructor.name}: readCategories must include every category`);
  }

  /** Whether the follower applies this event (it may read others: readCategories). */
  protected applies(event: RecordedEvent): boolean {
    return (
      this.readCategories === this.follow.categories ||
      this.follow.categories.includes(storedCategory(event.streamName))
    );
  }

  abstract get name(): string;

  /** The checkpoint stored with the applied writes (null: nothing applied yet). */
  abstract storedCheckpoint(): Promise<string | null>;

  /**
   * Applies `events`, read after `from`, with the checkpoint, atomically; skips events at or
   * before the stored checkpoint. Undefined (nothing applied) if the stored checkpoint is before
   * `from`.
   */
  protected abstract applyPage(
    from: string | null,
    events: RecordedEvent[],
  ): Promise<AppliedPage | undefined>;

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.idler.wake();
    await this.loop;
  }

  /** New events in this process: read at once. */
  notify(): void {
    this.idler.wake();
  }

  /** Events of the follower's categories committed after its stored checkpoint. */
  async lag(): Promise<Backlog> {
    const { store, categories } = this.follow;
    if (!supportsBacklog(store)) throw new Error('the event store cannot count a backlog');
    return store.backlog(await this.storedCheckpoint(), { categories: [...categories] });
  }

  /** Resolves once every event up to `checkpoint` has been applied (the signal tests await). */
  waitFor(checkpoint: string, timeoutMs = 30000): Promise<void> {
    return waitForCheckpoint(this, this.lastApplied, checkpoint, timeoutMs, this.name);
  }

  /**
   * Applies everything committed so far, in this call, and returns how many events it applied.
   * The next page is read while the current one is applied, so replay runs at the speed of the
   * slower of the event store and the read model rather than their sum.
   */
  async catchUp(onBatch?: (applied: number) => void): Promise<number> {
    const read = (from: string | null) => {
      const page = this.read(from);
      // The next page is read while this one is applied: if applying fails first, the read's
      // own failure (e.g. the connection terminated under both) must not be an unhandled
      // rejection, which ends the process. It is still thrown where the page is awaited.
      page.catch(() => undefined);
      return page;
    };
    let from = await this.storedCheckpoint();
    let pending = read(from);
    let total = 0;
    for (;;) {
      const page = await pending;
      if (page.events.length === 0) {
        this.lastApplied = this.lastApplied ?? from;
        return total;
      }
      const readFrom = from;
      from = page.checkpoint;
      pending = read(from);
      const applied = await this.recordApplied(readFrom, page.events);
      if (applied === undefined) {
        // The stored checkpoint went back: start over from it.
        await pending.catch(() => undefined);
        from = await this.storedCheckpoint();
        pending = read(from);
        continue;
      }
      total += applied.count;
      onBatch?.(total);
    }
  }

  /** Forgets what was applied (a rebuild reset the stored checkpoint). */
  protected forgetApplied(): void {
    this.lastApplied = null;
    this.position = undefined;
  }

  private read(from: string | null) {
    return this.follow.store.readAll(from, this.batchSize, { categories: this.readCategories });
  }

  private async recordApplied(
    from: string | null,
    events: RecordedEvent[],
  ): Promise<AppliedPage | undefined> {
    const applied = await this.applyPage(from, events);
    if (applied) {
      this.lastApplied = applied.last;
      this.emit('applied', applied.last);
    }
    return applied;
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        const read = await this.applyNextPage();
        if (read === 0) this.emit('caught-up', this.lastApplied);
        // A partial page had caught up: wait for an append (or the poll), not an empty read.
        await this.idler.afterRead(read, this.batchSize);
      } catch (err) {
        this.position = undefined;
        this.follow.onError?.(err);
        this.emit('failure', err);
        await this.idler.sleep(500);
      }
    }
  }

  /** Reads a page after the position and applies it; returns how many events it read. */
  private async applyNextPage(): Promise<number> {
    if (this.position === undefined) this.position = await this.storedCheckpoint();
    const from = this.position;
    const { events } = await this.read(from);
    if (events.length === 0) {
      this.lastApplied = from;
      return 0;
    }
    const applied = await this.recordApplied(from, events);
    // Refused: the stored checkpoint is behind the position; read again from it at once.
    this.position = applied === undefined ? undefined : applied.last || null;
    return applied === undefined ? this.batchSize : events.length;
  }
}
