import type { Projection, RedisWrite } from '@inventory/read-models';
import { RESERVATION_FIELDS } from '@inventory/salability';
import { projectionDeltas, STREAM_CATEGORIES, type LedgerEvent } from '../domain';

/**
 * Open reservations per (stock, SKU) for salability reads: `<prefix>rm:reservations:<stock>:<sku>`
 * (SALABILITY_KEYS.reservations) with the signed sums `orders` and `holds` in ten-thousandths,
 * moved by every ledger event. Pure event → writes, so a rebuild gives the same bytes.
 */
export const reservationsProjection: Projection = {
  name: 'reservations',
  categories: [STREAM_CATEGORIES.ledger],
  project(recorded, keys): RedisWrite[] {
    const event = { type: recorded.type, data: recorded.data } as LedgerEvent;
    const deltas = projectionDeltas(event);
    const key = keys.key(event.data.stock_id, event.data.sku);
    const writes: RedisWrite[] = [];
    for (const field of RESERVATION_FIELDS) {
      if (deltas[field] !== 0) {
        writes.push({ op: 'HINCRBY', key, args: [field, String(deltas[field])] });
      }
    }
    return writes;
  },
};
