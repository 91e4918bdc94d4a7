import { randomUUID } from 'crypto';
import Redis from 'ioredis';
import { parseQuantity } from '@inventory/kernel';
import {
  DEFAULT_INVENTORY_CONFIGURATION,
  effectiveConfig,
  encodeStockLevel,
  SALABILITY_KEYS,
  type StockLevel,
} from '@inventory/salability';
import { RedisKeys } from '@inventory/service-kit';
import { ReservationsConfig } from '../config';
import { StockLevels } from './stock-levels';

const level = (qty: number): StockLevel => ({
  assigned: true,
  any_in_stock: qty > 0,
  aggregated_qty: parseQuantity(qty),
  config: effectiveConfig(DEFAULT_INVENTORY_CONFIGURATION, undefined),
});

/** Stock levels for decisions on real Redis: kept in memory, never kept past a write. */
describe('StockLevels', () => {
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const redis = new Redis(redisUrl);
  const prefix = `test:levels:${randomUUID().slice(0, 8)}:`;
  const config = Object.assign(new ReservationsConfig(), { REDIS_URL: redisUrl });
  const key = (sku: string) => SALABILITY_KEYS.stockLevel(prefix, 1, sku);
  let levels: StockLevels;
  let reads = 0;

  beforeAll(async () => {
    levels = new StockLevels(redis, new RedisKeys(prefix), config);
    const hgetall = redis.hgetall.bind(redis) as (k: string) => Promise<Record<string, string>>;
    (redis as unknown as { hgetall: typeof hgetall }).hgetall = (k: string) => {
      reads++;
      return hgetall(k);
    };
  });

  afterAll(async () => {
    await levels.onModuleDestroy();
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  });

  /** Reads until a read costs no Redis command (the invalidation of the last write is in). */
  const kept = async (skus: string[]) => {
    for (let i = 0; i < 100; i++) {
      const before = reads;
      await levels.read(1, skus);
      if (reads === before) return;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`${skus.join(', ')} never kept`);
  };

  it('keeps levels in memory, and reads one again only after it was written', async () => {
    await redis.hset(key('A'), encodeStockLevel(level(5)));
    await kept(['A', 'B']);
    const start = reads;
    const read = await levels.read(1, ['A', 'B']);
    expect(read.get('A')?.aggregated_qty).toBe(parseQuantity(5));
    expect(read.get('B')?.assigned).toBe(false); // no level: not assigned to the stock
    expect(reads).toBe(start);

    // stock-aggregation writes a new level: the next decision must not use the old one.
    await redis.hset(key('A'), encodeStockLevel(level(2)));
    let seen = parseQuantity(5);
    for (let i = 0; i < 100 && seen === parseQuantity(5); i++) {
      seen = (await levels.read(1, ['A'])).get('A')!.aggregated_qty;
      if (seen === parseQuantity(5)) await new Promise((r) => setTimeout(r, 10));
    }
    expect(seen).toBe(parseQuantity(2));
    expect((await levels.read(1, ['B'])).get('B')?.assigned).toBe(false);
  });

  it('with STOCK_LEVEL_CACHE_ENTRIES=0 reads Redis every time', async () => {
    const direct = new StockLevels(
      redis,
      new RedisKeys(prefix),
      Object.assign(new ReservationsConfig(), {
        REDIS_URL: redisUrl,
        STOCK_LEVEL_CACHE_ENTRIES: 0,
      }),
    );
    const start = reads;
    await direct.read(1, ['A']);
    await direct.read(1, ['A']);
    expect(reads - start).toBe(2);
    await direct.onModuleDestroy();
  });
});
