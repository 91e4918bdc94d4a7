import { parseQuantity, subtractQuantities, ZERO_QUANTITY, type Quantity } from '@inventory/kernel';
import type { OrderOutcome } from './order';

/** What happened to an order after its outcome, as recorded in its `orderlife` stream. */
export type OrderLifeEvent =
  | {
      type: 'order_cancel_recorded';
      data: { event_id: string; items: Array<{ sku: string; qty: string }> | null };
    }
  | {
      type: 'creditmemo_recorded';
      data: { creditmemo_id: string; items: Array<{ sku: string; qty: string }> };
    }
  | {
      type: 'shipment_recorded';
      data: { shipment_id: string; items: Array<{ sku: string; qty: string }> };
    };

/** One (order, stock, SKU) whose open reservation differs from what its events imply. */
export interface Inconsistency {
  order_id: string;
  stock_id: number;
  sku: string;
  /** Open in the ledger. */
  actual: Quantity;
  /** Implied by the outcome, cancellations and credit memos. */
  expected: Quantity;
}

/**
 * What should still be reserved for an order per SKU: the reserved lines of its outcome, less
 * what was cancelled (everything, for a cancellation without items) and refunded, never below
 * 0; nothing for an order rejected or without an outcome. A shipment releases what it shipped
 * once its source deduction is in the stock levels (shipment-matching's `shipment_created`).
 */
export function expectedOpen(
  outcome: OrderOutcome | undefined,
  life: readonly OrderLifeEvent[],
): Map<string, Quantity> {
  const open = new Map<string, Quantity>();
  if (outcome?.type !== 'order_inventory_reserved') return open;
  for (const line of outcome.data.lines) open.set(line.sku, parseQuantity(line.qty));
  const take = (sku: string, qty: Quantity) => {
    const current = open.get(sku);
    if (current === undefined) return;
    const left = subtractQuantities(current, qty);
    open.set(sku, left > 0 ? left : ZERO_QUANTITY);
  };
  for (const event of life) {
    if (event.type === 'order_cancel_recorded' && event.data.items === null) {
      for (const sku of open.keys()) open.set(sku, ZERO_QUANTITY);
    } else {
      for (const item of event.data.items ?? []) take(item.sku, parseQuantity(item.qty));
    }
  }
  return open;
}

/** Compares the ledgers' open quantities of one order with what its events imply. */
export function orderInconsistencies(
  orderId: string,
  actual: ReadonlyMap<string, { stock_id: number; qty: Quantity }>,
  outcome: OrderOutcome | undefined,
  life: readonly OrderLifeEvent[],
): Inconsistency[] {
  const expected = expectedOpen(outcome, life);
  const stockId = outcome?.data.stock_id ?? null;
  const skus = new Set([...actual.keys(), ...expected.keys()]);
  const found: Inconsistency[] = [];
  for (const sku of [...skus].sort()) {
    const a = actual.get(sku);
    const e = expected.get(sku) ?? ZERO_QUANTITY;
    const got = a?.qty ?? ZERO_QUANTITY;
    if (got === e) continue;
    found.push({
      order_id: orderId,
      stock_id: a?.stock_id ?? stockId ?? 0,
      sku,
      actual: got,
      expected: e,
    });
  }
  return found;
}
