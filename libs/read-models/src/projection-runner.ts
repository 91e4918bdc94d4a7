import Redis, { Result } from 'ioredis';
import type { EventStore, IdlePollOptions, RecordedEvent } from '@inventory/event-store';
import { Projection, ProjectionKeys } from './projection';
import { APPLY_SCRIPT, encodeGroups } from './redis-ops';
import { AppliedPage, StoreFollower } from './store-follower';

export interface ProjectionRunnerOptions {
  projection: Projection;
  store: EventStore;
  redis: Redis;
  keyPrefix: string;
  batchSize?: number;
  /** Waits between reads that found nothing (IdlePoll: 25 ms backing off to 100 ms). */
  idlePoll?: IdlePollOptions;
  /** Categories read, a superset of the projection's, to share reads (StoreFollowerOptions). */
  readCategories?: readonly string[];
  onError?: (err: unknown) => void;
}

declare module 'ioredis' {
  interface RedisCommander<Context> {
    applyProjection(checkpointKey: string, ...argv: string[]): Result<[number, string], Context>;
  }
}

/**
 * Feeds one projection from the event store into Redis. The checkpoint lives in Redis and moves
 * in the same script as the writes, so a crash at any point neither loses nor repeats an event;
 * the script also refuses a page read after a checkpoint Redis no longer has (StoreFollower).
 */
export class ProjectionRunner extends StoreFollower {
  readonly keys: ProjectionKeys;

  constructor(private readonly options: ProjectionRunnerOptions) {
    super({ ...options, categories: options.projection.categories });
    this.keys = new ProjectionKeys(options.keyPrefix, options.projection.name);
    if (!options.redis.applyProjection) {
      options.redis.defineCommand('applyProjection', { numberOfKeys: 1, lua: APPLY_SCRIPT });
    }
  }

  get name(): string {
    return this.options.projection.name;
  }

  async storedCheckpoint(): Promise<string | null> {
    return (await this.options.redis.get(this.keys.checkpointKey)) ?? null;
  }

  /** Drops every key of the projection and its checkpoint, then replays from the first event. */
  async rebuild(onBatch?: (applied: number) => void): Promise<number> {
    await this.dropKeys();
    this.forgetApplied();
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

  protected async applyPage(
    from: string | null,
    events: RecordedEvent[],
  ): Promise<AppliedPage | undefined> {
    const { redis, projection } = this.options;
    const groups = events.map((e) => ({
      checkpoint: e.checkpoint,
      // An event of a category read only to share the read: its checkpoint, no writes.
      writes: this.applies(e) ? projection.project(e, this.keys) : [],
    }));
    const [applied, last] = await redis.applyProjection(
      this.keys.checkpointKey,
      ...encodeGroups(from, groups),
    );
    return applied < 0 ? undefined : { count: applied, last };
  }
}
