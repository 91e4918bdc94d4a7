import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { REDIS, RedisKeys } from '@inventory/service-kit';
import { decodeStockLevel, SALABILITY_KEYS, type StockLevel } from '@inventory/salability';

/**
 * Stock levels as stock-aggregation publishes them in Redis (libs/salability), read in one
 * pipeline per order. A decision records the level it used in the ledger event.
 */
@Injectable()
export class StockLevels {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly keys: RedisKeys,
  ) {}

  async read(stockId: number, skus: readonly string[]): Promise<Map<string, StockLevel>> {
    const pipeline = this.redis.pipeline();
    for (const sku of skus)
      pipeline.hgetall(SALABILITY_KEYS.stockLevel(this.keys.prefix, stockId, sku));
    const replies = (await pipeline.exec()) ?? [];
    return new Map(
      skus.map((sku, i) => {
        const [err, hash] = replies[i] ?? [new Error('no reply'), undefined];
        if (err) throw err;
        return [sku, decodeStockLevel(hash as Record<string, string>)];
      }),
    );
  }
}
