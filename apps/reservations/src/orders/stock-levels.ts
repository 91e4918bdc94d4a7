import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { REDIS, RedisKeys } from '@inventory/service-kit';
import { decodeStockLevel, SALABILITY_KEYS, type StockLevel } from '@inventory/salability';

/**
 * Stock levels as stock-aggregation publishes them in Redis (libs/salability). The service's
 * client pipelines what one turn of the event loop asks for (enableAutoPipelining), so the
 * orders of a fetched batch read their levels in one write, not one pipeline each. A decision
 * records the level it used in the ledger event.
 */
@Injectable()
export class StockLevels {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly keys: RedisKeys,
  ) {}

  async read(stockId: number, skus: readonly string[]): Promise<Map<string, StockLevel>> {
    const hashes = await Promise.all(
      skus.map((sku) =>
        this.redis.hgetall(SALABILITY_KEYS.stockLevel(this.keys.prefix, stockId, sku)),
      ),
    );
    return new Map(skus.map((sku, i) => [sku, decodeStockLevel(hashes[i])]));
  }
}
