export interface IdlePollOptions {
  /** Wait after the first empty reads, ms (default 25). */
  minMs?: number;
  /** Longest wait once nothing has come for a while, ms (default 100). */
  maxMs?: number;
  /** Empty reads at one interval before it doubles (default 8). */
  perStep?: number;
}

/**
 * How a reader of the event store (outbox relay, projection runners) waits between reads that
 * found nothing. An append in this process wakes it at once (`wake`); appends of other
 * replicas are found by polling, every `minMs` at first and, the longer nothing comes, at
 * doubling intervals up to `maxMs`, so an idle service stops spending a tenth of a core on
 * empty reads while a busy one still polls fast. `wake` and a read that found something
 * (`reset`) bring the interval back to `minMs`.
 *
 * A wake while the reader is busy reading is not lost: the read may have started before the
 * append it announces, so the next `afterEmpty` (or `afterPartial`) returns at once and the reader
 * reads again.
 *
 * A read that returned less than a full page had caught up with what was committed when it ran,
 * so the reader waits (`afterPartial`) instead of reading again at once: a read right after it
 * finds nothing unless something was appended meanwhile, and an append in this process wakes the
 * reader anyway (in the reservations benchmark it removed about one read in six).
 */
export class IdlePoll {
  private empties = 0;
  private wakeCurrent?: () => void;
  /** Woken while not waiting: the next `afterEmpty` does not wait. */
  private woken = false;
  private readonly minMs: number;
  private readonly maxMs: number;
  private readonly perStep: number;

  constructor(options: IdlePollOptions = {}) {
    this.minMs = options.minMs ?? 25;
    this.maxMs = Math.max(this.minMs, options.maxMs ?? 100);
    this.perStep = options.perStep ?? 8;
  }

  /** The wait after the next empty read. */
  get nextMs(): number {
    return Math.min(this.maxMs, this.minMs * 2 ** Math.floor(this.empties / this.perStep));
  }

  /** After a read that found nothing: waits the current interval (or until woken). */
  afterEmpty(): Promise<void> {
    if (this.woken) {
      this.woken = false;
      return Promise.resolve();
    }
    const ms = this.nextMs;
    this.empties++;
    return this.sleep(ms);
  }

  /**
   * After a read of `read` events with pages of `pageSize`: waits as after an empty read, after a
   * partial page, or not at all after a full one.
   */
  afterRead(read: number, pageSize: number): Promise<void> {
    if (read === 0) return this.afterEmpty();
    if (read < pageSize) return this.afterPartial();
    this.reset();
    return Promise.resolve();
  }

  /**
   * After a read that returned events but less than a full page: waits the fast interval (or
   * until woken; at once if woken during the read), without backing off.
   */
  afterPartial(): Promise<void> {
    this.empties = 0;
    if (this.woken) {
      this.woken = false;
      return Promise.resolve();
    }
    return this.sleep(this.minMs);
  }

  /**
   * After a read that returned a full page: the reader reads again at once, and that read sees
   * whatever a wake meanwhile announced.
   */
  reset(): void {
    this.empties = 0;
    this.woken = false;
  }

  /** Waits `ms` (or until woken) without touching the backoff, e.g. after a failure. */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        if (this.wakeCurrent === done) this.wakeCurrent = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeCurrent = done;
    });
  }

  /** New events in this process (or stopping): ends the current wait, back to the fast interval. */
  wake(): void {
    this.empties = 0;
    if (this.wakeCurrent) this.wakeCurrent();
    else this.woken = true;
  }
}
