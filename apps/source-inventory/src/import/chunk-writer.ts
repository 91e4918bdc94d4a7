import {
  supportsMultiStreamAppend,
  type AppendResult,
  type EventStore,
} from '@inventory/event-store';
import type { ChunkEntry, ChunkOutcome, WriteChunk } from './chunk-pipeline';

/**
 * How a chunk reaches the store. Every entry is appended with expected version `any`: an import
 * sets absolute values, as MSI's does, so it does not care what the item held before. Entries
 * are always one event each, so a re-run is recognised row by row (`already_applied`) whatever
 * the chunk boundaries of the earlier run were.
 *
 * With `appendToStreams` a chunk is one atomic statement. Without it, each entry is its own
 * append with at most `concurrency` running per chunk; a failed chunk may then be partly
 * written, which a re-run completes (the written rows come back `already_applied`).
 */
export function chunkWriter(store: EventStore, concurrency = 8): WriteChunk {
  if (supportsMultiStreamAppend(store)) {
    const multi = store;
    return async (entries) =>
      count(
        await multi.appendToStreams(
          entries.map((e) => ({ streamName: e.streamName, events: [e.event], expected: 'any' })),
        ),
      );
  }
  return async (entries) =>
    count(
      await mapBounded(entries, concurrency, (e: ChunkEntry) =>
        store.appendToStream(e.streamName, [e.event], 'any'),
      ),
    );
}

/** The same store without its multi-stream append: the fallback path, for tests and benchmarks. */
export function withoutMultiStreamAppend(store: EventStore): EventStore {
  return {
    appendToStream: (stream, events, expected) => store.appendToStream(stream, events, expected),
    readStream: (stream, options) => store.readStream(stream, options),
    readAll: (after, limit, options) => store.readAll(after, limit, options),
    close: () => store.close(),
  };
}

function count(results: readonly AppendResult[]): ChunkOutcome {
  let appended = 0;
  for (const result of results) if (result.status === 'appended') appended++;
  return { appended, alreadyApplied: results.length - appended };
}

/** Stops taking new items after the first failure, waits for the running ones, then throws it. */
async function mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      const index = next++;
      try {
        results[index] = await fn(items[index]);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const workers = Array.from({ length: Math.min(limit, items.length) }, worker);
  const settled = await Promise.allSettled(workers);
  const rejected = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (rejected) throw rejected.reason;
  return results;
}
