import { EventEmitter } from 'events';
import Redis, { Result } from 'ioredis';
import {
  supportsBacklog,
  type Backlog,
  type EventStore,
  type RecordedEvent,
  IdlePoll,
  type IdlePollOptions,
} from '@inventory/event-store';
import { Projection, ProjectionKeys } from './projection';
import { APPLY_SCRIPT, encodeGroups } from './redis-ops';
import { waitForCheckpoint } from './runner-signals';

export interface ProjectionRunnerOptions {
  projection: Projection;
  store: EventStore;
  redis: Redis;
  keyPrefix: string;
  batchSize?: number;
  /** Waits between reads that found nothing (IdlePoll: 25 ms backing off to 100 ms). */
  idlePoll?: IdlePollOptions;
  onError?: (err: unknown) => void;
}

declare module 'ioredis' {
  interface RedisCommander<Context> {
    applyProjection(checkpointKey: string, ...argv: string[]): Result<[number, string], Context>;
  }
}

/**
 * Feeds one projection from the event store into Redis. The checkpoint lives in Redis and moves
 * in the same script as the writes, so a crash at any point neither loses nor repeats an event.
 * Emits `applied` (checkpoint) after every batch and `caught-up` when a read finds nothing new.
 */
export class ProjectionRunner extends EventEmitter {
  readonly keys: ProjectionKeys;
  private running = false;
  private loop?: Promise<void>;
  private readonly idler: IdlePoll;
  private lastApplied: string | null = null;
  /**
   * Where the next read starts: the checkpoint the last script returned, so a busy runner does
   * not ask Redis for it before every page. Unknown (undefined) at start and after a failure or
   * a reset; then read from Redis.
   */
  private position?: string | null;
  private readonly batchSize: number;

  constructor(private readonly options: ProjectionRunnerOptions) {
    super();
    this.idler = new IdlePoll(options.idlePoll);
    this.batchSize = options.batchSize ?? 1000;
    this.keys = new ProjectionKeys(options.keyPrefix, options.projection.name);
    if (!options.redis.applyProjection) {
      options.redis.defineCommand('applyProjection', { numberOfKeys: 1, lua: APPLY_SCRIPT });
    }
  }

  get name(): string {
    return this.options.projection.name;
  }

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

  notify(): void {
    this.idler.wake();
  }

  async storedCheckpoint(): Promise<string | null> {
    return (await this.options.redis.get(this.keys.checkpointKey)) ?? null;
  }

  /** Events of the projection's categories committed after its stored checkpoint. */
  async lag(): Promise<Backlog> {
    const { store, projection } = this.options;
    if (!supportsBacklog(store)) throw new Error('the event store cannot count a backlog');
    return store.backlog(await this.storedCheckpoint(), { categories: projection.categories });
  }

  /** Resolves once every event up to `checkpoint` has been applied (the signal tests await). */
  waitFor(checkpoint: string, timeoutMs = 30000): Promise<void> {
    return waitForCheckpoint(
      this,
      this.lastApplied,
      checkpoint,
      timeoutMs,
      this.options.projection.name,
    );
  }

  /**
   * Applies everything committed so far, in this call, and returns how many events it applied.
   * The next page is read while the current one is applied, so replay runs at the speed of the
   * slower of PostgreSQL and Redis rather than their sum.
   */
  async catchUp(onBatch?: (applied: number) => void): Promise<number> {
    const read = (from: string | null) => {
      const page = this.options.store.readAll(from, this.batchSize, {
        categories: this.options.projection.categories,
      });
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
      if ((await this.apply(readFrom, page.events)) === undefined) {
        // The stored checkpoint went back (a rebuild elsewhere, Redis lost its data): start over
        // from it.
        await pending.catch(() => undefined);
        from = await this.storedCheckpoint();
        pending = read(from);
        continue;
      }
      total += page.events.length;
      onBatch?.(total);
    }
  }

  /** Drops every key of the projection and its checkpoint, then replays from the first event. */
  async rebuild(onBatch?: (applied: number) => void): Promise<number> {
    await this.dropKeys();
    this.lastApplied = null;
    return this.catchUp(onBatch);
  }

  async dropKeys(): Promise<number> {
    const { redis } = this.options;
    let dropped = 0;
    for await (const batch of redis.scanStream({ match: `${this.keys.namespace}*`, count: 1000 })) {
      const keys = batch as string[];
      if (keys.length) dropped += await redis.unlink(...keys);
    }
    await redis.del(this.keys.checkpointKey);
    return dropped;
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        const read = await this.applyNextBatch();
        if (read === 0) {
          this.emit('caught-up', this.lastApplied);
          await this.idler.afterEmpty();
        } else if (read < this.batchSize) {
          // Caught up when it read: wait for an append (or the poll) instead of an empty read.
          await this.idler.afterPartial();
        } else {
          this.idler.reset();
        }
      } catch (err) {
        this.position = undefined;
        this.options.onError?.(err);
        this.emit('failure', err);
        await this.idler.sleep(500);
      }
    }
  }

  /** Reads a page after the position and applies it; returns how many events it read. */
  private async applyNextBatch(): Promise<number> {
    const { store, projection } = this.options;
    if (this.position === undefined) this.position = await this.storedCheckpoint();
    const from = this.position;
    const { events } = await store.readAll(from, this.batchSize, {
      categories: projection.categories,
    });
    if (events.length === 0) {
      this.lastApplied = from;
      return 0;
    }
    const last = await this.apply(from, events);
    // undefined: the stored checkpoint is behind the position; the next read starts from it.
    this.position = last;
    return last === undefined ? this.batchSize : events.length;
  }

  /**
   * Applies events read after `from`; returns the stored checkpoint afterwards, or undefined if
   * the stored one is before `from` (nothing applied).
   */
  private async apply(from: string | null, events: RecordedEvent[]): Promise<string | undefined> {
    const { redis, projection } = this.options;
    const groups = events.map((e) => ({
      checkpoint: e.checkpoint,
      writes: projection.project(e, this.keys),
    }));
    const [applied, last] = await redis.applyProjection(
      this.keys.checkpointKey,
      ...encodeGroups(from, groups),
    );
    if (applied < 0) return undefined;
    this.lastApplied = last;
    this.emit('applied', last);
    return last;
  }
}
