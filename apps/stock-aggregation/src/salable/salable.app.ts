import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { REDIS, RedisKeys } from '@inventory/service-kit';
import { parseQuantity, salability, type Quantity, type Salability } from '../domain';
import { decodeSalable, salableKeyParts, type SalableHash } from './salable-model';

/**
 * The read side: every answer comes from the salable hashes (one HGETALL, or one pipeline for
 * many SKUs) through the same `salability` function the projector used, never from the event
 * store or PostgreSQL.
 */
@Injectable()
export class SalableApp {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly keys: RedisKeys,
  ) {}

  async one(stockId: number, sku: string, requested?: Quantity): Promise<Salability> {
    const hash = await this.redis.hgetall(this.keys.key(...salableKeyParts(stockId, sku)));
    return this.answer(hash, requested);
  }

  /** One pipeline for all SKUs; answers in the order asked. */
  async many(
    stockId: number,
    requests: ReadonlyArray<{ sku: string; requested?: Quantity }>,
  ): Promise<Salability[]> {
    if (requests.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const { sku } of requests) {
      pipeline.hgetall(this.keys.key(...salableKeyParts(stockId, sku)));
    }
    const replies = (await pipeline.exec()) ?? [];
    return requests.map((r, i) => {
      const [err, hash] = replies[i] ?? [new Error('no reply'), undefined];
      if (err) throw err;
      return this.answer(hash as SalableHash, r.requested);
    });
  }

  private answer(hash: SalableHash, requested?: Quantity): Salability {
    const input = decodeSalable(hash);
    return salability(requested === undefined ? input : { ...input, requested_qty: requested });
  }
}

/** A requested quantity from a path or query: exact 4-place decimal, MSI's 400 otherwise. */
export function requestedQty(raw: unknown): Quantity {
  return parseQuantity(raw, 'requestedQty');
}
