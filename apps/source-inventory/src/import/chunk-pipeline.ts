import type { NewEvent } from '@inventory/event-store';

/** One event for one stream; a chunk holds each stream at most once. */
export interface ChunkEntry {
  streamName: string;
  event: NewEvent;
}

export interface ChunkOutcome {
  appended: number;
  alreadyApplied: number;
}

export type WriteChunk = (entries: readonly ChunkEntry[]) => Promise<ChunkOutcome>;

export interface ChunkPipelineOptions {
  chunkSize: number;
  /** Chunks being written at once, so that parsing the next chunk overlaps the writes. */
  maxInFlight: number;
  onWritten: (outcome: ChunkOutcome) => void;
}

/**
 * Groups entries into chunks and writes up to `maxInFlight` of them concurrently, while keeping
 * every stream's events in input order (the later row of a SKU must win):
 * - a chunk never names a stream twice (a multi-stream append refuses that, and concurrent
 *   single appends would race), so a repeated stream closes the chunk early;
 * - a chunk naming a stream that an earlier chunk still writes waits for that chunk first.
 * Waiting inside `add` is the backpressure: the caller stops reading until a slot is free.
 */
export class ChunkPipeline {
  private chunk: ChunkEntry[] = [];
  private chunkStreams = new Set<string>();
  private readonly inFlight = new Set<Promise<void>>();
  /** The in-flight write that holds each stream's latest event. */
  private readonly writerOf = new Map<string, Promise<void>>();
  private failure: { error: unknown } | undefined;

  constructor(
    private readonly write: WriteChunk,
    private readonly options: ChunkPipelineOptions,
  ) {}

  async add(entry: ChunkEntry): Promise<void> {
    if (this.chunkStreams.has(entry.streamName)) await this.flush();
    this.chunk.push(entry);
    this.chunkStreams.add(entry.streamName);
    if (this.chunk.length >= this.options.chunkSize) await this.flush();
  }

  /** Writes what is buffered, waits for every write, and throws the first write error. */
  async finish(): Promise<void> {
    await this.flush();
    await this.settle();
    this.throwIfFailed();
  }

  /** Waits for the writes already started, without throwing: cleanup after another failure. */
  async settle(): Promise<void> {
    await Promise.all(this.inFlight);
  }

  private async flush(): Promise<void> {
    if (this.chunk.length === 0) return;
    const entries = this.chunk;
    this.chunk = [];
    this.chunkStreams = new Set();
    while (this.inFlight.size >= this.options.maxInFlight) await Promise.race(this.inFlight);
    const earlier = new Set<Promise<void>>();
    for (const entry of entries) {
      const writer = this.writerOf.get(entry.streamName);
      if (writer) earlier.add(writer);
    }
    if (earlier.size > 0) await Promise.all(earlier);
    this.throwIfFailed();
    this.start(entries);
  }

  /** The task never rejects: a failure is kept and thrown by the next flush or by finish. */
  private start(entries: readonly ChunkEntry[]): void {
    const task: Promise<void> = this.write(entries)
      .then(this.options.onWritten)
      .catch((error: unknown) => {
        this.failure ??= { error };
      })
      .finally(() => {
        this.inFlight.delete(task);
        for (const { streamName } of entries) {
          if (this.writerOf.get(streamName) === task) this.writerOf.delete(streamName);
        }
      });
    this.inFlight.add(task);
    for (const { streamName } of entries) this.writerOf.set(streamName, task);
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure.error;
  }
}
