import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import type Redis from 'ioredis';
import { redisTlsOptions } from '@inventory/config';
import { startTrackedCache, type TrackedCacheHandle } from '@inventory/salable-read';
import { REDIS, RedisKeys, SERVICE_CONFIG } from '@inventory/service-kit';
import { decodeStockLevel, SALABILITY_KEYS, type StockLevel } from '@inventory/salability';
import type { ReservationsConfig } from '../config';

/**
 * Longest a kept level is used, ms: a backstop should invalidations stop arriving without
 * either tracking connection noticing (a half-open connection), after which a decision would
 * otherwise use a level however old. A hot SKU's level is still read once a second at most.
 */
const LEVEL_MAX_AGE_MS = 1000;

/**
 * Stock levels as stock-aggregation publishes them in Redis (libs/salability). A decision
 * records the level it used in the ledger event.
 *
 * Levels change far less often than orders come (a source quantity update, a configuration
 * change), so they are kept in process memory (STOCK_LEVEL_CACHE_ENTRIES), exact up to the
 * delivery of Redis' invalidation message for the key: CLIENT TRACKING over the stock-level
 * prefix only, so the reservation sums this service writes all the time invalidate nothing here.
 * That is the same asynchrony every reader of the read model has (a level reaches Redis after
 * its source change went through Kafka and stock-aggregation), a few milliseconds more at most;
 * no level is used longer than LEVEL_MAX_AGE_MS after it was read.
 * Misses go to Redis through the client's auto-pipelining, so the orders of a fetched batch read
 * their levels in one write.
 */
@Injectable()
export class StockLevels implements OnModuleDestroy {
  private readonly logger = new Logger(StockLevels.name);
  private readonly handle: TrackedCacheHandle<StockLevel> | undefined;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly keys: RedisKeys,
    @Inject(SERVICE_CONFIG) config: ReservationsConfig,
  ) {
    this.handle = startTrackedCache<StockLevel>({
      redisUrl: config.REDIS_URL,
      redisOptions: redisTlsOptions(config),
      capacity: config.STOCK_LEVEL_CACHE_ENTRIES,
      maxAgeMs: LEVEL_MAX_AGE_MS,
      prefixes: [SALABILITY_KEYS.stockLevelPrefix(keys.prefix)],
      metric: {
        name: 'stock_level_cache',
        help: 'Stock levels kept in memory for decisions: hits, misses and invalidations since start, entries, enabled (1/0)',
      },
      onError: (err) => this.logger.warn(`stock level cache: ${err.message}`),
    });
  }

  async read(stockId: number, skus: readonly string[]): Promise<Map<string, StockLevel>> {
    const cache = this.handle?.cache;
    const levels = await Promise.all(
      skus.map((sku) => {
        const key = SALABILITY_KEYS.stockLevel(this.keys.prefix, stockId, sku);
        const load = async () => decodeStockLevel(await this.redis.hgetall(key));
        return cache ? cache.get(key, [key], load) : load();
      }),
    );
    return new Map(skus.map((sku, i) => [sku, levels[i]]));
  }

  async onModuleDestroy(): Promise<void> {
    await this.handle?.stop();
  }
}
