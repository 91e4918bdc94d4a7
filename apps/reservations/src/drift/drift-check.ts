import type { Checkpoint, EventStore } from '@inventory/event-store';
import {
  addQuantities,
  negateQuantity,
  parseQuantity,
  subtractQuantities,
  type Quantity,
} from '@inventory/kernel';
import {
  orderInconsistencies,
  orderLifeStream,
  outcomeStream,
  STREAM_CATEGORIES,
  type Inconsistency,
  type LedgerEvent,
  type OrderLifeEvent,
  type OrderOutcome,
} from '../domain';
import type { LedgerWriter } from '../ledger/ledger-writer';

const PAGE = 5000;

/**
 * MSI's `inventory:reservation:list-inconsistencies` and `create-compensations` for our
 * ledgers: every order's open reservations (summed from all ledger events) against what its
 * outcome, cancellations and credit memos imply. Orders touched within `graceSeconds` are left
 * out (they may be in flight). Reads the whole ledger history: an operator tool, not a hot path.
 */
export async function listInconsistencies(
  store: EventStore,
  graceSeconds: number,
): Promise<Inconsistency[]> {
  const open = new Map<string, Map<string, { stock_id: number; qty: Quantity }>>();
  const lastTouched = new Map<string, number>();
  const add = (orderId: string, stockId: number, sku: string, qty: Quantity, at: Date) => {
    const lines = open.get(orderId) ?? new Map<string, { stock_id: number; qty: Quantity }>();
    const current = lines.get(sku);
    lines.set(sku, { stock_id: stockId, qty: addQuantities(current?.qty ?? (0 as Quantity), qty) });
    open.set(orderId, lines);
    lastTouched.set(orderId, Math.max(lastTouched.get(orderId) ?? 0, at.getTime()));
  };
  let after: Checkpoint | null = null;
  for (let empty = 0; empty < 2;) {
    const page = await store.readAll(after, PAGE, { categories: [STREAM_CATEGORIES.ledger] });
    after = page.checkpoint;
    if (page.events.length === 0) {
      empty++;
      continue;
    }
    empty = 0;
    for (const recorded of page.events) {
      const e = { type: recorded.type, data: recorded.data } as LedgerEvent;
      const qty = parseQuantity(e.data.qty);
      if (e.type === 'hold_converted') {
        add(e.data.order_id, e.data.stock_id, e.data.sku, qty, recorded.recordedAt);
      } else if (e.data.ref.type === 'order') {
        const signed = e.type === 'reservation_placed' ? qty : negateQuantity(qty);
        add(e.data.ref.id, e.data.stock_id, e.data.sku, signed, recorded.recordedAt);
      }
    }
  }
  const cutoff = Date.now() - graceSeconds * 1000;
  const found: Inconsistency[] = [];
  for (const [orderId, lines] of open) {
    if ((lastTouched.get(orderId) ?? 0) > cutoff) continue;
    const [outcomeEvents, lifeEvents] = await Promise.all([
      store.readStream(outcomeStream(orderId), { maxCount: 1 }),
      store.readStream(orderLifeStream(orderId)),
    ]);
    const outcome = outcomeEvents[0]
      ? ({ type: outcomeEvents[0].type, data: outcomeEvents[0].data } as OrderOutcome)
      : undefined;
    const life = lifeEvents.map((r) => ({ type: r.type, data: r.data }) as OrderLifeEvent);
    found.push(...orderInconsistencies(orderId, lines, outcome, life));
  }
  return found;
}

/**
 * Brings each inconsistent ledger to what the order implies where it holds too much: the
 * excess is released (reason `drift_compensation`, once per order, SKU and amount). A shortfall
 * (a reserved line missing from its ledger) is reported, not re-reserved: reserving again
 * without a salability check could oversell, so an operator decides.
 */
export async function createCompensations(
  found: readonly Inconsistency[],
  writer: LedgerWriter,
): Promise<{ released: Inconsistency[]; shortfalls: Inconsistency[] }> {
  const released: Inconsistency[] = [];
  const shortfalls: Inconsistency[] = [];
  for (const i of found) {
    if (i.actual < i.expected) {
      shortfalls.push(i);
      continue;
    }
    const excess = subtractQuantities(i.actual, i.expected);
    await writer.submit(i.stock_id, i.sku, {
      kind: 'release',
      ref: { type: 'order', id: i.order_id },
      qty: excess,
      reason: 'drift_compensation',
      op_id: `drift:${i.actual}:${i.expected}`,
      metadata: {
        event_type: 'drift_compensation',
        object_type: 'order',
        object_id: i.order_id,
        object_increment_id: '',
      },
    });
    released.push(i);
  }
  return { released, shortfalls };
}
