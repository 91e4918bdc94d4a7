import { Inject, Injectable } from '@nestjs/common';
import { eventIdFor } from '@inventory/decider';
import type { EventStore } from '@inventory/event-store';
import { formatQuantity, parseQuantity, type Quantity } from '@inventory/kernel';
import type { StockLevel } from '@inventory/salability';
import { EVENT_STORE, KeyedQueue } from '@inventory/service-kit';
import { ChannelDirectory } from '../channels/channel-directory';
import {
  lineErrors,
  mergeLines,
  ORDER_ERRORS,
  orderLifeStream,
  orderMetadata,
  outcomeStream,
  rejectedOutcome,
  reservedOutcome,
  type OrderLifeEvent,
  type OrderLineInput,
  type OrderOutcome,
  type PlacedOrder,
  type ReleaseReason,
  type ReservationMetadata,
  type ReservationRef,
} from '../domain';
import { HoldsApp } from '../holds/holds.app';
import { LedgerWriter } from '../ledger/ledger-writer';
import { Outcomes } from './outcomes';
import { StockLevels } from './stock-levels';

function formatItems(items: ReadonlyArray<{ sku: string; qty: number }>) {
  return toLines(items).map((l) => ({ sku: l.sku, qty: formatQuantity(l.qty) }));
}

/** Order items as they come in (numbers) to exact quantities. */
export function toLines(items: ReadonlyArray<{ sku: string; qty: number }>): OrderLineInput[] {
  return items.map((i) => ({ sku: i.sku, qty: parseQuantity(i.qty, 'qty') }));
}

/**
 * An order is all or nothing, decided line by line on the ledgers of (stock, SKU):
 * 1. an order that has an outcome gets it back (retries, redeliveries, the other channel);
 * 2. every line is reserved on its ledger (in parallel; each ledger decides with its expected
 *    version, so lines never oversell);
 * 3. the outcome (reserved, or rejected with every failing line's MSI errors) is settled in the
 *    order's outcome stream, which holds one event at most;
 * 4. if the settled outcome is "rejected", whatever any attempt reserved for the order is
 *    released (idempotent), so a rejected order ends with nothing reserved.
 * Steps 2 and 3 are one commit (LedgerWriter.reserveTogether) when every line's ledger is idle
 * and in memory and every line is reservable: the ledgers' events and the reserved outcome are
 * appended atomically, or nothing is and the steps above run as described. For an order without
 * a hold that commit is tried before step 1's lookup: it expects the outcome stream not to
 * exist, so an order with an outcome fails it whole and gets its outcome back.
 * With `hold_id`, the hold is claimed first and its SKUs are converted (no second check for
 * what it holds); what it held beyond the order is released afterwards.
 * A crash between 2 and 3 leaves reservations without outcome; the redelivery (Kafka) or the
 * retry (HTTP) runs the same steps and finds the reservations already open.
 */
@Injectable()
export class OrderProcess {
  private readonly queue = new KeyedQueue();

  constructor(
    private readonly channels: ChannelDirectory,
    private readonly levels: StockLevels,
    private readonly ledgers: LedgerWriter,
    private readonly outcomes: Outcomes,
    private readonly holds: HoldsApp,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async place(order: PlacedOrder): Promise<OrderOutcome> {
    return this.queue.run(order.id, async () => {
      // The channel's stock and the stock levels (memory or Redis) are read at once. The outcome
      // lookup (PostgreSQL) comes first only for an order with a hold (a settled order must not
      // claim its hold again). Otherwise it waits until the one-commit path was tried: that
      // append expects the order's outcome stream not to exist, so for an order that has an
      // outcome (a redelivery, a retry) it writes nothing and the recorded outcome is returned,
      // and an order the path does not take is looked up before anything else is done. Most
      // orders thus cost one statement fewer. Whatever fails, an order with an outcome gets it.
      const lines = mergeLines(order.items);
      let lookup = order.hold_id ? this.outcomes.get(order.id) : undefined;
      const settled = () => (lookup ??= this.outcomes.get(order.id));
      const stock = this.channels.stockOf(order.sales_channel);
      const reading = stock.then((id) =>
        id === undefined
          ? undefined
          : this.levels.read(
              id,
              lines.map((l) => l.sku),
            ),
      );
      // Each is awaited below, but not before the lookup: none is an unhandled rejection.
      for (const p of [lookup, stock, reading]) p?.catch(() => undefined);
      if (lookup) {
        const recorded = await lookup;
        if (recorded) return recorded;
      }
      let stockId: number | undefined;
      let levels: ReadonlyMap<string, StockLevel> | undefined;
      try {
        stockId = await stock;
        levels = await reading;
      } catch (err) {
        const recorded = await settled();
        if (recorded) return recorded;
        throw err;
      }
      if (stockId === undefined) {
        const recorded = await settled();
        if (recorded) return recorded;
        const errors = [{ sku: null, ...ORDER_ERRORS.noLinkedStock }];
        return (await this.outcomes.settle(rejectedOutcome(order.id, null, errors))).outcome;
      }
      const ref = { type: 'order' as const, id: order.id };
      const metadata = orderMetadata(order, 'order_placed');
      let held = new Set<string>();
      if (order.hold_id) {
        const claim = await this.holds.claimForOrder(order.hold_id, order.id, stockId);
        if (!claim.ok) {
          return (await this.outcomes.settle(rejectedOutcome(order.id, stockId, [claim.error])))
            .outcome;
        }
        held = new Set(claim.lines.map((l) => l.sku));
      } else {
        const atOnce = await this.reserveAtOnce(order, stockId, lines, levels!, ref, metadata);
        if (atOnce) return atOnce;
        const recorded = await settled();
        if (recorded) return recorded;
      }
      const results = await Promise.all(
        lines.map((l) =>
          this.ledgers.submit(
            stockId,
            l.sku,
            // A held SKU is converted (what the hold has, then a check of any extra only).
            held.has(l.sku)
              ? {
                  kind: 'convert',
                  hold_id: order.hold_id!,
                  order_id: order.id,
                  qty: l.qty,
                  level: levels!.get(l.sku)!,
                  metadata,
                }
              : { kind: 'reserve', ref, qty: l.qty, level: levels!.get(l.sku)!, metadata },
          ),
        ),
      );
      const errors = results.flatMap((r, i) =>
        r.status === 'rejected' ? lineErrors(lines[i].sku, r.errors) : [],
      );
      const proposed =
        errors.length > 0
          ? rejectedOutcome(order.id, stockId, errors)
          : reservedOutcome(order, stockId, lines);
      const { outcome } = await this.outcomes.settle(proposed);
      if (outcome.type === 'order_inventory_rejected') {
        await this.release(stockId, order.id, lines, 'compensation', 'compensation', metadata);
      }
      // A converted hold's quantities the order did not take go back.
      if (order.hold_id && held.size > 0) await this.holds.releaseRemainder(order.hold_id);
      return outcome;
    });
  }

  /**
   * Every line reserved and the outcome in one commit, when the ledgers allow it (all idle and
   * in memory, every line reservable); undefined when the general path must decide.
   */
  private async reserveAtOnce(
    order: PlacedOrder,
    stockId: number,
    lines: readonly OrderLineInput[],
    levels: ReadonlyMap<string, StockLevel>,
    ref: ReservationRef,
    metadata: ReservationMetadata,
  ): Promise<OrderOutcome | undefined> {
    const outcome = reservedOutcome(order, stockId, lines);
    const together = await this.ledgers.reserveTogether(
      stockId,
      lines.map((l) => ({
        sku: l.sku,
        op: { kind: 'reserve', ref, qty: l.qty, level: levels.get(l.sku)!, metadata },
      })),
      this.outcomes.appendOf(outcome),
    );
    if (together.status === 'committed') return this.outcomes.recorded(outcome);
    // Settled meanwhile (another replica, a retry): that outcome stands.
    if (together.status === 'stale' && together.streamName === outcomeStream(order.id)) {
      return this.outcomes.get(order.id);
    }
    return undefined;
  }

  /**
   * `order_canceled`: releases what is still open of the given lines (all lines without items).
   * Applied once per event id on every ledger, so a redelivered cancel releases nothing twice.
   */
  async cancel(
    orderId: string,
    items: ReadonlyArray<{ sku: string; qty: number }> | undefined,
    eventId: string,
  ): Promise<void> {
    await this.recordLife(orderId, `cancel:${eventId}`, {
      type: 'order_cancel_recorded',
      data: { event_id: eventId, items: items ? formatItems(items) : null },
    });
    await this.releaseFor(orderId, items, eventId, 'order_canceled', 'order_canceled');
  }

  /** `creditmemo_created`: refunded quantities still reserved (not shipped) are released. */
  async creditmemo(
    orderId: string,
    creditmemoId: string,
    items: ReadonlyArray<{ sku: string; qty: number }>,
  ): Promise<void> {
    await this.recordLife(orderId, `creditmemo:${creditmemoId}`, {
      type: 'creditmemo_recorded',
      data: { creditmemo_id: creditmemoId, items: formatItems(items) },
    });
    await this.releaseFor(
      orderId,
      items,
      `creditmemo:${creditmemoId}`,
      'creditmemo_created',
      'creditmemo_created',
    );
  }

  /**
   * `shipment_created` (inventory.shipments.v1): the shipped quantities are deducted from their
   * source and in the stock levels, so their reservation is released (MSI's `shipment_created`
   * compensation). Once per shipment id.
   */
  async shipped(
    orderId: string,
    shipmentId: string,
    items: ReadonlyArray<{ sku: string; qty: number }>,
  ): Promise<void> {
    await this.recordLife(orderId, `shipment:${shipmentId}`, {
      type: 'shipment_recorded',
      data: { shipment_id: shipmentId, items: formatItems(items) },
    });
    await this.releaseFor(
      orderId,
      items,
      `shipment:${shipmentId}`,
      'shipment_created',
      'shipment_created',
    );
  }

  /**
   * What happened to the order after its outcome, in `orderlife-<order_id>`, once per source
   * event (the event id is derived from it): the drift check compares the ledgers with it.
   */
  private async recordLife(orderId: string, key: string, event: OrderLifeEvent): Promise<void> {
    await this.store.appendToStream(
      orderLifeStream(orderId),
      [{ eventId: eventIdFor(key, 0), type: event.type, data: event.data }],
      'any',
    );
  }

  private async releaseFor(
    orderId: string,
    items: ReadonlyArray<{ sku: string; qty: number }> | undefined,
    opId: string,
    reason: ReleaseReason,
    eventType: string,
  ): Promise<void> {
    const outcome = await this.outcomes.get(orderId);
    if (outcome?.type !== 'order_inventory_reserved') return;
    const { stock_id: stockId, lines: reserved } = outcome.data;
    const lines: Array<{ sku: string; qty?: Quantity }> = items
      ? mergeLines(toLines(items))
      : reserved.map((l) => ({ sku: l.sku }));
    const metadata = orderMetadata({ id: orderId }, eventType);
    await this.release(stockId, orderId, lines, reason, opId, metadata);
  }

  private release(
    stockId: number,
    orderId: string,
    lines: ReadonlyArray<{ sku: string; qty?: Quantity }>,
    reason: ReleaseReason,
    opId: string,
    metadata: ReservationMetadata,
  ): Promise<void> {
    return this.ledgers.releaseLines(
      stockId,
      { type: 'order', id: orderId },
      lines,
      reason,
      opId,
      metadata,
    );
  }
}
