import Redis, { type RedisOptions } from 'ioredis';
import { Gauge, register } from 'prom-client';
import { NearCache, RedisInvalidations } from '@inventory/read-models';
import { SALABILITY_KEYS, type SalabilityInput } from '@inventory/salability';

export interface SalableCacheHandle {
  cache: NearCache<SalabilityInput>;
  stop(): Promise<void>;
}

/**
 * Salability inputs (stock level and open reservations of one SKU in one stock) kept in process
 * memory, so a storefront's repeated reads cost no Redis round trip. Exact up to the delivery of
 * Redis' invalidation message (CLIENT TRACKING in broadcast mode over both key prefixes), which
 * drops an entry as soon as any client writes one of its keys. Two extra Redis connections.
 * `capacity` 0 gives no cache (every read goes to Redis).
 */
export function startSalableCache(options: {
  redisUrl: string;
  /** Extra ioredis options, e.g. a TLS CA (redisTlsOptions of @inventory/config). */
  redisOptions?: RedisOptions;
  prefix: string;
  capacity: number;
  onError: (err: Error) => void;
}): SalableCacheHandle | undefined {
  if (options.capacity <= 0) return undefined;
  const cache = new NearCache<SalabilityInput>(options.capacity);
  const connect = () =>
    new Redis(options.redisUrl, {
      maxRetriesPerRequest: 1,
      connectTimeout: 2000,
      ...options.redisOptions,
    });
  const invalidations = new RedisInvalidations(
    connect(),
    connect(),
    SALABILITY_KEYS.answerPrefixes(options.prefix),
    cache,
    options.onError,
  );
  // Not awaited: until tracking is set up the cache is off and reads go to Redis.
  void invalidations.start();
  exportStats(cache);
  return { cache, stop: () => invalidations.stop() };
}

function exportStats(cache: NearCache<SalabilityInput>): void {
  register.removeSingleMetric('salable_cache');
  new Gauge({
    name: 'salable_cache',
    help: 'In-process salability cache: hits, misses and invalidations since start, entries, enabled (1/0)',
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
