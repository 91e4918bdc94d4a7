import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { SalableReader } from '@inventory/salable-read';
import { REDIS, RedisKeys } from '@inventory/service-kit';
import { parseQuantity, type Quantity } from '../domain';
import { SalableCache } from './salable-cache';

/**
 * The read side: every answer comes from Redis — the stock level this service writes and the
 * open reservations the reservations service projects — through the one `salability` function
 * (libs/salable-read), never from the event store or PostgreSQL.
 */
@Injectable()
export class SalableApp extends SalableReader {
  constructor(@Inject(REDIS) redis: Redis, keys: RedisKeys, kept: SalableCache) {
    super(redis, keys.prefix, kept.cache);
  }
}

/** A requested quantity from a path or query: exact 4-place decimal, MSI's 400 otherwise. */
export function requestedQty(raw: unknown): Quantity {
  return parseQuantity(raw, 'requestedQty');
}
