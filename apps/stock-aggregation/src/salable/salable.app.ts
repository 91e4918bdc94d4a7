import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { REDIS, RedisKeys } from '@inventory/service-kit';
import {
  decodeReservations,
  decodeStockLevel,
  parseQuantity,
  RESERVATION_FIELDS,
  SALABILITY_KEYS,
  salability,
  salabilityInput,
  type Quantity,
  type Salability,
} from '../domain';

/**
 * The read side: every answer comes from Redis — the stock level this service writes and the
 * open reservations the reservations service projects — through the one `salability` function,
 * never from the event store or PostgreSQL. One pipeline per request, however many SKUs.
 */
@Injectable()
export class SalableApp {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly keys: RedisKeys,
  ) {}

  /** Two commands, auto-pipelined by the client with those of concurrent requests. */
  async one(stockId: number, sku: string, requested?: Quantity): Promise<Salability> {
    const prefix = this.keys.prefix;
    const [level, reserved] = await Promise.all([
      this.redis.hgetall(SALABILITY_KEYS.stockLevel(prefix, stockId, sku)),
      this.redis.hmget(SALABILITY_KEYS.reservations(prefix, stockId, sku), ...RESERVATION_FIELDS),
    ]);
    const input = salabilityInput(decodeStockLevel(level), decodeReservations(reserved));
    return salability(requested === undefined ? input : { ...input, requested_qty: requested });
  }

  /** Answers in the order asked. */
  async many(
    stockId: number,
    requests: ReadonlyArray<{ sku: string; requested?: Quantity }>,
  ): Promise<Salability[]> {
    if (requests.length === 0) return [];
    const prefix = this.keys.prefix;
    const pipeline = this.redis.pipeline();
    for (const { sku } of requests) {
      pipeline.hgetall(SALABILITY_KEYS.stockLevel(prefix, stockId, sku));
      pipeline.hmget(SALABILITY_KEYS.reservations(prefix, stockId, sku), ...RESERVATION_FIELDS);
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

/** A requested quantity from a path or query: exact 4-place decimal, MSI's 400 otherwise. */
export function requestedQty(raw: unknown): Quantity {
  return parseQuantity(raw, 'requestedQty');
}
