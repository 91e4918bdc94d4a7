/**
 * An in-process cache in front of Redis read models, kept exact by Redis' invalidation messages
 * (see `RedisInvalidations`). An entry is a value computed from a few Redis keys (its
 * dependencies); a write to any of them drops the entry.
 *
 * Why a load can't store a stale value: a load registers itself before it sends its commands,
 * and an invalidation of one of its keys that arrives while it runs marks it, so its result is
 * returned to its callers but not kept. Invalidations are sent by Redis after the write, so a
 * load that read the old value is always still registered or already stored when it arrives.
 *
 * While invalidations can't be trusted (the connections are down or not yet tracking) the cache
 * is disabled: every read goes to Redis, nothing is stored.
 */
export interface NearCacheStats {
  hits: number;
  misses: number;
  invalidations: number;
  size: number;
  enabled: boolean;
}

interface Flight<V> {
  promise: Promise<V>;
  stale: boolean;
  dependencies: readonly string[];
}

export interface NearCacheOptions {
  /**
   * Longest time a value is kept, ms (default: until invalidated or evicted). A backstop for
   * readers that must not act on a value long after its write if an invalidation was lost
   * without either connection noticing (a half-open TCP connection).
   */
  maxAgeMs?: number;
}

export class NearCache<V> {
  private readonly entries = new Map<
    string,
    { value: V; dependencies: readonly string[]; at: number }
  >();
  private readonly flights = new Map<string, Flight<V>>();
  /** Redis key → cache keys that depend on it. */
  private readonly dependents = new Map<string, Set<string>>();
  private active = false;
  private readonly counters = { hits: 0, misses: 0, invalidations: 0 };

  private readonly maxAgeMs: number;

  constructor(
    private readonly capacity: number,
    options: NearCacheOptions = {},
  ) {
    this.maxAgeMs = options.maxAgeMs ?? Infinity;
  }

  /**
   * The value for `key`, computed by `load` from the Redis keys `dependencies` on a miss.
   * Concurrent misses of one key share one load.
   */
  get(key: string, dependencies: readonly string[], load: () => Promise<V>): Promise<V> {
    if (!this.active) return load();
    const kept = this.entries.get(key);
    if (kept && performance.now() - kept.at > this.maxAgeMs) {
      this.drop(key);
    } else if (kept) {
      this.counters.hits++;
      // Most recently used last: Map keeps insertion order, so the first key is the oldest.
      this.entries.delete(key);
      this.entries.set(key, kept);
      return Promise.resolve(kept.value);
    }
    // A load that an invalidation overtook may hold the old value: not joined, read again.
    const flying = this.flights.get(key);
    if (flying && !flying.stale) return flying.promise;
    this.counters.misses++;
    return this.fly(key, dependencies, load);
  }

  /** Redis says these keys changed; `null` means everything may have changed (FLUSHDB). */
  invalidate(redisKeys: readonly string[] | null): void {
    this.counters.invalidations++;
    if (redisKeys === null) return this.clear();
    for (const redisKey of redisKeys) {
      const keys = this.dependents.get(redisKey);
      if (!keys) continue;
      for (const key of keys) {
        const flight = this.flights.get(key);
        if (flight) flight.stale = true;
        this.drop(key);
      }
    }
  }

  /** Start keeping values (invalidations are flowing). */
  enable(): void {
    this.active = true;
  }

  /** Stop keeping values and forget every kept one (invalidations may be lost). */
  disable(): void {
    this.active = false;
    this.clear();
  }

  get enabled(): boolean {
    return this.active;
  }

  stats(): NearCacheStats {
    return { ...this.counters, size: this.entries.size, enabled: this.active };
  }

  private fly(key: string, dependencies: readonly string[], load: () => Promise<V>): Promise<V> {
    const flight = { stale: false, dependencies } as Flight<V>;
    this.index(key, dependencies);
    // A stale load may still run when a newer one for the same key has started: it only
    // clears what is its own, and leaves the key indexed while anything else needs it.
    const landed = (): void => {
      if (this.flights.get(key) === flight) this.flights.delete(key);
    };
    const forget = (): void => {
      if (!this.flights.has(key) && !this.entries.has(key)) this.unindex(key, dependencies);
    };
    flight.promise = load().then(
      (value) => {
        landed();
        if (!flight.stale && this.active && !this.flights.has(key)) {
          this.store(key, value, dependencies);
        } else forget();
        return value;
      },
      (err: unknown) => {
        landed();
        forget();
        throw err;
      },
    );
    this.flights.set(key, flight);
    return flight.promise;
  }

  private store(key: string, value: V, dependencies: readonly string[]): void {
    this.entries.set(key, { value, dependencies, at: performance.now() });
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value as string;
      this.drop(oldest);
    }
  }

  private drop(key: string): void {
    const kept = this.entries.get(key);
    this.entries.delete(key);
    if (kept && !this.flights.has(key)) this.unindex(key, kept.dependencies);
  }

  private clear(): void {
    for (const flight of this.flights.values()) flight.stale = true;
    this.entries.clear();
    this.dependents.clear();
    for (const [key, flight] of this.flights) this.index(key, flight.dependencies);
  }

  private index(key: string, dependencies: readonly string[]): void {
    for (const dep of dependencies) {
      let keys = this.dependents.get(dep);
      if (!keys) this.dependents.set(dep, (keys = new Set()));
      keys.add(key);
    }
  }

  private unindex(key: string, dependencies: readonly string[]): void {
    for (const dep of dependencies) {
      const keys = this.dependents.get(dep);
      if (!keys) continue;
      keys.delete(key);
      if (keys.size === 0) this.dependents.delete(dep);
    }
  }
}
