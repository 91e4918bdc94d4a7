/**
 * Continuous consumption of one partition: messages are queued in lanes (one per key, or a
 * single lane where order matters across the whole partition) and handled as soon as a lane
 * is free, while the next batch is already being fetched. Nothing waits for the slowest message
 * of a batch. What may be committed is tracked per offset: the commit position only moves past
 * an offset once it and every offset before it is handled, so a crash redelivers exactly what
 * was not finished (handlers are idempotent).
 */

/** The offsets of one partition seen in one group generation, and which of them are handled. */
export class OffsetTracker {
  private readonly offsets: bigint[] = [];
  private head = 0;
  private readonly done = new Set<bigint>();
  private last: bigint | undefined;
  /** The highest offset such that it and every tracked offset before it are handled. */
  private handledUpTo: bigint | undefined;

  /** Tracks `offset`; offsets must come in increasing order (gaps are fine). */
  add(offset: bigint): void {
    if (this.last !== undefined && offset <= this.last) {
      throw new Error(`offset ${offset} after ${this.last}: offsets must increase`);
    }
    this.offsets.push(offset);
    this.last = offset;
  }

  /** The last offset added, if any. */
  get lastAdded(): bigint | undefined {
    return this.last;
  }

  /** Marks `offset` handled; true when the committable position moved. */
  complete(offset: bigint): boolean {
    this.done.add(offset);
    let moved = false;
    while (this.head < this.offsets.length && this.done.has(this.offsets[this.head])) {
      const o = this.offsets[this.head++];
      this.done.delete(o);
      this.handledUpTo = o;
      moved = true;
    }
    if (this.head > 1024 && this.head * 2 > this.offsets.length) {
      this.offsets.splice(0, this.head);
      this.head = 0;
    }
    return moved;
  }

  /** The offset to commit (Kafka commits the next offset to read), or undefined. */
  get commitOffset(): string | undefined {
    return this.handledUpTo === undefined ? undefined : String(this.handledUpTo + 1n);
  }

  /** Tracked offsets not handled yet. */
  get unfinished(): number {
    return this.offsets.length - this.head;
  }
}

interface Queued<M> {
  message: M;
  offset: bigint;
  tracker: OffsetTracker;
}

export interface PartitionWorkOptions<M> {
  /** Lanes handled at once (1: one message at a time, in offset order). */
  concurrency: number;
  /** The lane of a message (its key); ignored when concurrency is 1. */
  laneOf(message: M): string;
  /** Handles one message; a rejection is retried by the caller's handler, not here. */
  handle(message: M): Promise<void>;
  /** Called when a message's handling threw (it is tried again after a pause). */
  onError(message: M, err: unknown): void;
  /** Pause before handling a failed message again (default 1 s). */
  retryDelayMs?: number;
}

/**
 * The work of one partition in this process. Lanes survive a rebalance (a redelivered message
 * waits behind its key's earlier messages); offset trackers do not: `newGeneration()` starts a
 * fresh one, and handlers still running for the old one no longer move the commit position.
 */
export class PartitionWork<M> {
  private tracker = new OffsetTracker();
  private readonly lanes = new Map<string, Queued<M>[]>();
  private readonly waiting: string[] = [];
  private active = 0;
  private queued = 0;
  private waiters: Array<{ below: number; resolve: () => void }> = [];
  private stopped = false;

  constructor(private readonly options: PartitionWorkOptions<M>) {}

  /** Starts a new group generation: the commit position restarts from what is delivered next. */
  newGeneration(): void {
    this.tracker = new OffsetTracker();
  }

  /**
   * Queues a message. A message at or before the last one queued is a redelivery (after a
   * rebalance or a seek): it starts a new generation first.
   */
  push(message: M, offset: bigint): void {
    const last = this.tracker.lastAdded;
    if (last !== undefined && offset <= last) this.newGeneration();
    this.tracker.add(offset);
    const lane = this.options.concurrency <= 1 ? '' : this.options.laneOf(message);
    const item: Queued<M> = { message, offset, tracker: this.tracker };
    this.queued++;
    const existing = this.lanes.get(lane);
    if (existing) {
      existing.push(item);
      return;
    }
    this.lanes.set(lane, [item]);
    if (this.active < Math.max(1, this.options.concurrency)) this.startLane(lane);
    else this.waiting.push(lane);
  }

  /** The offset that may be committed now (current generation), if any. */
  get commitOffset(): string | undefined {
    return this.tracker.commitOffset;
  }

  /** Messages queued or being handled, of every generation. */
  get inFlight(): number {
    return this.queued;
  }

  /** Resolves once fewer than `below` messages are in flight. */
  until(below: number): Promise<void> {
    if (this.queued < below) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ below, resolve }));
  }

  /** No more retries of failed messages (shutdown); lanes finish what is running. */
  stop(): void {
    this.stopped = true;
  }

  private startLane(lane: string): void {
    this.active++;
    void this.runLane(lane);
  }

  private async runLane(lane: string): Promise<void> {
    const items = this.lanes.get(lane)!;
    while (items.length > 0) {
      const item = items[0];
      try {
        await this.options.handle(item.message);
      } catch (err) {
        this.options.onError(item.message, err);
        if (this.stopped) {
          // Shutting down: leave it (and its lane) uncommitted; it is redelivered.
          this.queued -= items.length;
          items.length = 0;
          break;
        }
        await new Promise((r) => setTimeout(r, this.options.retryDelayMs ?? 1000));
        continue;
      }
      items.shift();
      item.tracker.complete(item.offset);
      this.queued--;
      this.wake();
    }
    this.lanes.delete(lane);
    this.active--;
    const next = this.waiting.shift();
    if (next !== undefined) this.startLane(next);
    this.wake();
  }

  private wake(): void {
    if (this.waiters.length === 0) return;
    const still: typeof this.waiters = [];
    for (const w of this.waiters) {
      if (this.queued < w.below) w.resolve();
      else still.push(w);
    }
    this.waiters = still;
  }
}
