import type { ExpectedVersion } from './port/expected-version';
import type { NewEvent } from './port/events';
import {
  supportsMultiStreamAppend,
  type AppendResult,
  type EventStore,
  type StreamAppend,
} from './port/event-store';

interface Waiting {
  append: StreamAppend;
  resolve: (result: AppendResult) => void;
  reject: (err: unknown) => void;
}

/** Appends gathered into one commit, at most. */
const MAX_GROUP = 500;

/**
 * Group commit over the event-store port: appends to different streams requested while a
 * commit is in flight are written together in ONE atomic `appendToStreams` transaction, so many
 * small decisions (one per order, one per SKU) cost one commit instead of one each. Each caller
 * still gets its own stream's result or error: when one entry's expected version fails, that
 * caller gets the WrongExpectedVersionError and the others are committed again without it.
 * Same semantics as `appendToStream` per caller; stores without multi-stream appends get one
 * append per stream.
 */
export class GroupCommitter {
  private queue: Waiting[] = [];
  private flushing = false;

  constructor(private readonly store: EventStore) {}

  append(
    streamName: string,
    events: readonly NewEvent[],
    expected: ExpectedVersion,
  ): Promise<AppendResult> {
    if (!supportsMultiStreamAppend(this.store))
      return this.store.appendToStream(streamName, events, expected);
    return new Promise<AppendResult>((resolve, reject) => {
      this.queue.push({ append: { streamName, events, expected }, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.queue.length > 0) {
        // One entry per stream per commit; a second append to a stream waits for the next one.
        const group: Waiting[] = [];
        const rest: Waiting[] = [];
        const streams = new Set<string>();
        for (const w of this.queue) {
          if (group.length < MAX_GROUP && !streams.has(w.append.streamName)) {
            streams.add(w.append.streamName);
            group.push(w);
          } else {
            rest.push(w);
          }
        }
        this.queue = rest;
        await this.commit(group);
      }
    } finally {
      this.flushing = false;
    }
  }

  private async commit(group: Waiting[]): Promise<void> {
    let pending = group;
    while (pending.length > 0) {
      try {
        const results = await this.store.appendToStreams!(pending.map((w) => w.append));
        pending.forEach((w, i) => w.resolve(results[i]));
        return;
      } catch (err) {
        const failed = (err as { streamName?: string }).streamName;
        const culprit =
          failed === undefined ? -1 : pending.findIndex((w) => w.append.streamName === failed);
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
