import type { ExpectedVersion } from './port/expected-version';
import type { NewEvent } from './port/events';
import {
  supportsMultiStreamAppend,
  type AppendResult,
  type EventStore,
  type StreamAppend,
} from './port/event-store';

/** One caller's appends: one stream, or several that commit together or not at all. */
interface Waiting {
  appends: StreamAppend[];
  resolve: (results: AppendResult[]) => void;
  reject: (err: unknown) => void;
}

export interface GroupCommitOptions {
  /** Appends gathered into one commit, at most (default 100). */
  maxGroup?: number;
  /** Commits in flight at once (default 4): under load each gathers what arrived meanwhile. */
  maxInFlight?: number;
}

/**
 * Group commit over the event-store port: appends to different streams requested while commits
 * are in flight are written together in ONE atomic `appendToStreams` transaction, so many small
 * decisions (one per order, one per SKU) cost one commit instead of one each. A few commits run
 * at once, so a large group does not make every other append wait for it. Each caller still
 * gets its own stream's result or error: when one entry's expected version fails, that caller
 * gets the WrongExpectedVersionError and the others are committed again without it. Same
 * semantics as `appendToStream` per caller (a stream is never in two commits at once); stores
 * without multi-stream appends get one append per stream.
 *
 * A commit starts on the next turn of the event loop, not at the first append: what the same
 * turn asks for (the orders of one fetched batch, the continuations of one finished commit)
 * goes in one statement. On a machine where every round trip costs (a socket write and a
 * wake-up of PostgreSQL), that halves the statements of the reservation benchmark.
 */
export class GroupCommitter {
  private queue: Waiting[] = [];
  private inFlight = 0;
  private readonly committing = new Set<string>();
  private scheduled = false;
  private readonly maxGroup: number;
  private readonly maxInFlight: number;

  constructor(
    private readonly store: EventStore,
    options: GroupCommitOptions = {},
  ) {
    this.maxGroup = options.maxGroup ?? 100;
    this.maxInFlight = options.maxInFlight ?? 4;
  }

  append(
    streamName: string,
    events: readonly NewEvent[],
    expected: ExpectedVersion,
  ): Promise<AppendResult> {
    if (!this.atomic) return this.store.appendToStream(streamName, events, expected);
    return this.enqueue([{ streamName, events, expected }]).then((results) => results[0]);
  }

  /** Whether the store commits several streams atomically (`appendTogether` needs it). */
  get atomic(): boolean {
    return supportsMultiStreamAppend(this.store);
  }

  /**
   * Appends to several streams that commit together or not at all, in the same commit as other
   * callers' appends. When one of them fails its expected version the caller gets that
   * stream's error and none of them is written. Needs an atomic store.
   */
  appendTogether(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    if (!this.atomic) {
      return Promise.reject(new Error('the event store cannot append to several streams at once'));
    }
    const names = new Set(appends.map((a) => a.streamName));
    if (names.size !== appends.length) {
      return Promise.reject(new Error('appendTogether takes each stream once'));
    }
    return this.enqueue([...appends]);
  }

  private enqueue(appends: StreamAppend[]): Promise<AppendResult[]> {
    return new Promise<AppendResult[]>((resolve, reject) => {
      this.queue.push({ appends, resolve, reject });
      this.schedule();
    });
  }

  /** One pump on the next turn, whatever this turn appends. */
  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.maxInFlight && this.queue.length > 0) {
      // One entry per stream per commit, never a stream that a running commit holds, and no
      // entry ahead of an earlier one waiting for any of its streams.
      const group: Waiting[] = [];
      const rest: Waiting[] = [];
      const streams = new Set<string>();
      const blocked = new Set<string>();
      let size = 0;
      for (const w of this.queue) {
        const free = w.appends.every(
          (a) =>
            !streams.has(a.streamName) &&
            !blocked.has(a.streamName) &&
            !this.committing.has(a.streamName),
        );
        if (free && (size === 0 || size + w.appends.length <= this.maxGroup)) {
          for (const a of w.appends) streams.add(a.streamName);
          size += w.appends.length;
          group.push(w);
        } else {
          for (const a of w.appends) blocked.add(a.streamName);
          rest.push(w);
        }
      }
      if (group.length === 0) return;
      this.queue = rest;
      this.inFlight++;
      for (const name of streams) this.committing.add(name);
      void this.commit(group).finally(() => {
        this.inFlight--;
        for (const name of streams) this.committing.delete(name);
        // After the callers' continuations, which often append again (ledger, then outcome).
        this.schedule();
      });
    }
  }

  private async commit(group: Waiting[]): Promise<void> {
    let pending = group;
    while (pending.length > 0) {
      try {
        const results = await this.store.appendToStreams!(pending.flatMap((w) => w.appends));
        let at = 0;
        for (const w of pending) {
          w.resolve(results.slice(at, at + w.appends.length));
          at += w.appends.length;
        }
        return;
      } catch (err) {
        const failed = (err as { streamName?: string } | null)?.streamName;
        const culprit =
          failed === undefined
            ? -1
            : pending.findIndex((w) => w.appends.some((a) => a.streamName === failed));
        if (culprit < 0) {
          for (const w of pending) w.reject(err);
          return;
        }
        // Only that stream's caller gets the error; the others commit again without it.
        pending[culprit].reject(err);
        pending = pending.filter((_, i) => i !== culprit);
      }
    }
  }
}
