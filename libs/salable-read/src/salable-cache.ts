import Redis, { type RedisOptions } from 'ioredis';
import { Gauge, register } from 'prom-client';
import { NearCache, RedisInvalidations } from '@inventory/read-models';
import { SALABILITY_KEYS, type SalabilityInput } from '@inventory/salability';

export interface TrackedCacheHandle<V> {
  cache: NearCache<V>;
  stop(): Promise<void>;
}

export type SalableCacheHandle = TrackedCacheHandle<SalabilityInput>;

export interface TrackedCacheOptions {
  redisUrl: string;
  /** Extra ioredis options, e.g. a TLS CA (redisTlsOptions of @inventory/config). */
  redisOptions?: RedisOptions;
  /** Entries at most; 0 gives no cache (every read goes to Redis). */
  capacity: number;
  /** Longest time an entry is kept, ms (NearCache's backstop; default: until invalidated). */
  maxAgeMs?: number;
  onError: (err: Error) => void;
}

/**
 * Values computed from Redis keys under `prefixes`, kept in process memory and exact up to the
 * delivery of Redis' invalidation message (CLIENT TRACKING in broadcast mode over the prefixes),
 * which drops an entry as soon as any client writes one of its keys. Two extra Redis
 * connections; the gauge `metric` reports hits, misses, invalidations, entries and whether the
 * cache is on. Only keys under `prefixes` may be its dependencies.
 */
export function startTrackedCache<V>(
  options: TrackedCacheOptions & {
    prefixes: readonly string[];
    metric: { name: string; help: string };
  },
): TrackedCacheHandle<V> | undefined {
  if (options.capacity <= 0) return undefined;
  const cache = new NearCache<V>(options.capacity, { maxAgeMs: options.maxAgeMs });
  const connect = () =>
    new Redis(options.redisUrl, {
      maxRetriesPerRequest: 1,
      connectTimeout: 2000,
      ...options.redisOptions,
    });
  const invalidations = new RedisInvalidations(
    connect(),
    connect(),
    options.prefixes,
    cache,
    options.onError,
  );
  // Not awaited: until tracking is set up the cache is off and reads go to Redis.
  void invalidations.start();
  exportStats(cache, options.metric);
  return { cache, stop: () => invalidations.stop() };
}

/**
 * Salability inputs (stock level and open reservations of one SKU in one stock) kept in process
 * memory, so a storefront's repeated reads cost no Redis round trip.
 */
export function startSalableCache(
  options: TrackedCacheOptions & { prefix: string },
): SalableCacheHandle | undefined {
  return startTrackedCache<SalabilityInput>({
    ...options,
    prefixes: SALABILITY_KEYS.answerPrefixes(options.prefix),
    metric: {
      name: 'salable_cache',
      help: 'In-process salability cache: hits, misses and invalidations since start, entries, enabled (1/0)',
    },
  });
}

function exportStats<V>(cache: NearCache<V>, metric: { name: string; help: string }): void {
  register.removeSingleMetric(metric.name);
  new Gauge({
    name: metric.name,
    help: metric.help,
    labelNames: ['measure'],
    collect() {
      const s = cache.stats();
      this.set({ measure: 'hits' }, s.hits);
      this.set({ measure: 'misses' }, s.misses);
      this.set({ measure: 'invalidations' }, s.invalidations);
      this.set({ measure: 'entries' }, s.size);
      this.set({ measure: 'enabled' }, s.enabled ? 1 : 0);
    },
  });
}
