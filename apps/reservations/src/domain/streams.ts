import { streamNameOf } from '@inventory/kernel';

/**
 * Streams of the reservations service:
 * - `reservationledger-<stock_id>/<sku>`: every reservation decision for one (stock, SKU), with
 *   the stock level it was decided against (published on inventory.reservations.v1);
 * - `orderoutcome-<order_id>`: the order's one outcome, appended with expected "no stream", so
 *   that a second outcome cannot exist (published on inventory.order-outcomes.v1);
 * - `orderlife-<order_id>`: what happened to the order afterwards (cancellations, credit memos),
 *   each applied once by its event id (not published);
 * - `hold-<hold_id>`: a cart hold's life (not published).
 */
export const STREAM_CATEGORIES = {
  ledger: 'reservationledger',
  outcome: 'orderoutcome',
  orderLife: 'orderlife',
  hold: 'hold',
} as const;

export const ledgerStream = (stockId: number, sku: string) =>
  streamNameOf(STREAM_CATEGORIES.ledger, stockId, sku);
export const outcomeStream = (orderId: string) => streamNameOf(STREAM_CATEGORIES.outcome, orderId);
export const orderLifeStream = (orderId: string) =>
  streamNameOf(STREAM_CATEGORIES.orderLife, orderId);
export const holdStream = (holdId: string) => streamNameOf(STREAM_CATEGORIES.hold, holdId);
