import type Redis from 'ioredis';
import type { NearCache } from '@inventory/read-models';
import {
  decodeReservations,
  decodeStockLevel,
  RESERVATION_FIELDS,
  SALABILITY_KEYS,
  salability,
  salabilityInput,
  type Salability,
  type SalabilityInput,
} from '@inventory/salability';
import type { Quantity } from '@inventory/kernel';

/**
 * Salability answers from the Redis read models (the stock level stock-aggregation writes and
 * the open reservations the reservations service projects) through the one `salability`
 * function; never from the event store or PostgreSQL. Served by stock-aggregation and, for the
 * two hottest reads, by the gateway itself (docs/stock-aggregation.md, "Read path").
 */
export class SalableReader {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly cache?: NearCache<SalabilityInput>,
  ) {}

  /**
   * From the in-process cache when it holds the pair, else two commands, auto-pipelined by the
   * client with those of concurrent requests.
   */
  async one(stockId: number, sku: string, requested?: Quantity): Promise<Salability> {
    const levelKey = SALABILITY_KEYS.stockLevel(this.prefix, stockId, sku);
    const reservedKey = SALABILITY_KEYS.reservations(this.prefix, stockId, sku);
    const read = async () => {
      const [level, reserved] = await Promise.all([
        this.redis.hgetall(levelKey),
        this.redis.hmget(reservedKey, ...RESERVATION_FIELDS),
      ]);
      return salabilityInput(decodeStockLevel(level), decodeReservations(reserved));
    };
    const input = await (this.cache
      ? this.cache.get(levelKey, [levelKey, reservedKey], read)
      : read());
    return salability(requested === undefined ? input : { ...input, requested_qty: requested });
  }

  /** Answers in the order asked; one pipeline, however many SKUs. */
  async many(
    stockId: number,
    requests: ReadonlyArray<{ sku: string; requested?: Quantity }>,
  ): Promise<Salability[]> {
    if (requests.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const { sku } of requests) {
      pipeline.hgetall(SALABILITY_KEYS.stockLevel(this.prefix, stockId, sku));
      pipeline.hmget(
        SALABILITY_KEYS.reservations(this.prefix, stockId, sku),
        ...RESERVATION_FIELDS,
      );
    }
    const replies = (await pipeline.exec()) ?? [];
    return requests.map((r, i) => {
      const [levelErr, level] = replies[2 * i] ?? [new Error('no reply'), undefined];
      const [resErr, reserved] = replies[2 * i + 1] ?? [new Error('no reply'), undefined];
      if (levelErr) throw levelErr;
      if (resErr) throw resErr;
      const input = salabilityInput(
        decodeStockLevel(level as Record<string, string>),
        decodeReservations(reserved as Array<string | null>),
      );
      return salability(
        r.requested === undefined ? input : { ...input, requested_qty: r.requested },
      );
    });
  }
}
