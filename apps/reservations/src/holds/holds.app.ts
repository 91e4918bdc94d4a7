import { Inject, Injectable } from '@nestjs/common';
import { randomEventId } from '@inventory/decider';
import type { EventStore } from '@inventory/event-store';
import { formatQuantity, parseQuantity, toUnits } from '@inventory/kernel';
import { EVENT_STORE, EventPipeline } from '@inventory/service-kit';
import { ChannelDirectory } from '../channels/channel-directory';
import {
  holdStream,
  lineErrors,
  mergeLines,
  ORDER_ERRORS,
  type OrderLineInput,
  type OutcomeError,
  type ReleaseReason,
  type ReservationMetadata,
  type SalesChannel,
} from '../domain';
import { LedgerWriter } from '../ledger/ledger-writer';
import { StockLevels } from '../orders/stock-levels';
import { HoldsStore, type HoldRow } from './holds.store';
import { countRejected, countReserved } from '../orders/outcome-metrics';

export interface HoldView {
  hold_id: string;
  stock_id: number;
  lines: Array<{ sku: string; qty: number }>;
  expires_at: string;
  status: string;
}

export type HoldAnswer =
  | { ok: true; hold: HoldView }
  | { ok: false; status: 404 | 409; hold_id: string; errors: OutcomeError[] };

const holdMetadata = (holdId: string, eventType: string): ReservationMetadata => ({
  event_type: eventType,
  object_type: 'hold',
  object_id: holdId,
  object_increment_id: '',
});

/**
 * Cart holds: a reservation with an expiry, all lines or none, decided on the same ledgers as
 * orders (so holds and orders never oversell together). A hold row is written "pending" before
 * any ledger is touched and made "active" after; the sweep releases what expired, whatever
 * state a crash left it in. Expiry, release and conversion are ledger events
 * (`reservation_released` with reason `hold_expired` / `hold_released`, `hold_converted`),
 * published on inventory.reservations.v1, and also recorded in the hold's stream.
 */
@Injectable()
export class HoldsApp {
  constructor(
    private readonly store: HoldsStore,
    private readonly channels: ChannelDirectory,
    private readonly levels: StockLevels,
    private readonly ledgers: LedgerWriter,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    private readonly pipeline: EventPipeline,
  ) {}

  async place(input: {
    hold_id: string;
    sales_channel: SalesChannel;
    items: OrderLineInput[];
    ttl_seconds: number;
  }): Promise<HoldAnswer> {
    const stockId = await this.channels.stockOf(input.sales_channel);
    if (stockId === undefined) {
      const errors = [{ sku: null, ...ORDER_ERRORS.noLinkedStock }];
      countRejected('hold', errors);
      return { ok: false, status: 409, hold_id: input.hold_id, errors };
    }
    const lines = mergeLines(input.items);
    const expiresAt = new Date(Date.now() + input.ttl_seconds * 1000);
    const inserted = await this.store.insertPending({
      hold_id: input.hold_id,
      stock_id: stockId,
      lines: lines.map((l) => ({ sku: l.sku, qty: formatQuantity(l.qty) })),
      expires_at: expiresAt,
    });
    if (!inserted) {
      const existing = (await this.store.get(input.hold_id))!;
      if (existing.status === 'active') return { ok: true, hold: view(existing) };
      if (existing.status !== 'pending') return this.gone(existing);
      // A pending hold: an earlier attempt died midway; finishing it is idempotent.
    }
    const row = (await this.store.get(input.hold_id))!;
    const rowLines = linesOf(row);
    const levels = await this.levels.read(
      row.stock_id,
      rowLines.map((l) => l.sku),
    );
    const ref = { type: 'hold' as const, id: row.hold_id };
    const metadata = holdMetadata(row.hold_id, 'hold_placed');
    const results = await Promise.all(
      rowLines.map((l) =>
        this.ledgers.submit(row.stock_id, l.sku, {
          kind: 'reserve',
          ref,
          qty: l.qty,
          level: levels.get(l.sku)!,
          metadata,
        }),
      ),
    );
    const errors = results.flatMap((r, i) =>
      r.status === 'rejected' ? lineErrors(rowLines[i].sku, r.errors) : [],
    );
    if (errors.length > 0) {
      await this.releaseLines(row, 'compensation', 'compensation');
      if (await this.store.transition(row.hold_id, ['pending'], 'rejected'))
        countRejected('hold', errors);
      return { ok: false, status: 409, hold_id: row.hold_id, errors };
    }
    if (!(await this.store.transition(row.hold_id, ['pending'], 'active'))) {
      // The sweep expired it meanwhile (a very short ttl): give back what was just taken.
      await this.releaseLines(row, 'hold_expired', 'hold_expired');
      return this.gone((await this.store.get(row.hold_id))!);
    }
    countReserved('hold');
    await this.record(row.hold_id, 'hold_placed', { ...view(row), status: 'active' });
    return { ok: true, hold: { ...view(row), status: 'active' } };
  }

  async extend(holdId: string, ttlSeconds: number): Promise<HoldAnswer> {
    const row = await this.store.get(holdId);
    if (!row) return notFound(holdId);
    const expiresAt = new Date(Date.now() + ttlSeconds * 1000);
    if (row.status !== 'active' || row.expires_at.getTime() <= Date.now()) return this.gone(row);
    if (!(await this.store.transition(holdId, ['active'], 'active', expiresAt))) {
      return this.gone((await this.store.get(holdId))!);
    }
    const hold = { ...view(row), expires_at: expiresAt.toISOString() };
    await this.record(holdId, 'hold_extended', { hold_id: holdId, expires_at: hold.expires_at });
    return { ok: true, hold };
  }

  async release(holdId: string): Promise<HoldAnswer> {
    const row = await this.store.get(holdId);
    if (!row) return notFound(holdId);
    if (!(await this.store.transition(holdId, ['active', 'pending'], 'released'))) {
      return this.gone(row);
    }
    await this.releaseLines(row, 'hold_released', 'hold_released');
    await this.record(holdId, 'hold_released', { hold_id: holdId });
    return { ok: true, hold: { ...view(row), status: 'released' } };
  }

  async get(holdId: string): Promise<HoldAnswer> {
    const row = await this.store.get(holdId);
    return row ? { ok: true, hold: view(row) } : notFound(holdId);
  }

  /** Releases holds past their expiry (claimed by this replica); returns how many. */
  async sweep(limit = 100): Promise<number> {
    const claimed = await this.store.claimExpired(limit);
    for (const row of claimed) {
      await this.releaseLines(row, 'hold_expired', 'hold_expired');
      await this.store.transition(row.hold_id, ['expiring'], 'expired');
      await this.record(row.hold_id, 'hold_expired', { hold_id: row.hold_id });
    }
    return claimed.length;
  }

  /**
   * Claims an active hold for an order (`order_placed` with `hold_id`). Returns the hold's
   * stock and lines, or the order-level error. A hold already converted for this very order
   * is returned again (a retry of the order).
   */
  async claimForOrder(
    holdId: string,
    orderId: string,
    stockId: number,
  ): Promise<{ ok: true; lines: OrderLineInput[] } | { ok: false; error: OutcomeError }> {
    const row = await this.store.get(holdId);
    const notFoundError = {
      ok: false as const,
      error: { sku: null, ...ORDER_ERRORS.holdNotFound },
    };
    if (!row || row.stock_id !== stockId) return notFoundError;
    if (row.status === 'converted') {
      const stream = await this.events.readStream(holdStream(holdId));
      const mine = stream.some(
        (e) => e.type === 'hold_converted' && (e.data as { order_id: string }).order_id === orderId,
      );
      return mine ? { ok: true, lines: linesOf(row) } : notFoundError;
    }
    const expired = { ok: false as const, error: { sku: null, ...ORDER_ERRORS.holdExpired } };
    if (row.expires_at.getTime() <= Date.now() && row.status !== 'pending') return expired;
    if (!(await this.store.transition(holdId, ['active'], 'converted'))) {
      const now = await this.store.get(holdId);
      return now && ['expiring', 'expired'].includes(now.status) ? expired : notFoundError;
    }
    await this.record(holdId, 'hold_converted', { hold_id: holdId, order_id: orderId });
    return { ok: true, lines: linesOf(row) };
  }

  /** What a converted hold kept beyond the order's lines goes back. */
  async releaseRemainder(holdId: string): Promise<void> {
    const row = await this.store.get(holdId);
    if (row) await this.releaseLines(row, 'hold_converted', 'hold_converted');
  }

  private releaseLines(row: HoldRow, reason: ReleaseReason, opId: string): Promise<void> {
    return this.ledgers.releaseLines(
      row.stock_id,
      { type: 'hold', id: row.hold_id },
      linesOf(row),
      reason,
      opId,
      holdMetadata(row.hold_id, reason),
    );
  }

  private async record(holdId: string, type: string, data: unknown): Promise<void> {
    await this.events.appendToStream(
      holdStream(holdId),
      [{ eventId: randomEventId(), type, data }],
      'any',
    );
    this.pipeline.notify();
  }

  private gone(row: HoldRow): HoldAnswer {
    const expired =
      ['expiring', 'expired'].includes(row.status) || row.expires_at.getTime() <= Date.now();
    const error = expired ? ORDER_ERRORS.holdExpired : ORDER_ERRORS.holdNotFound;
    return {
      ok: false,
      status: expired ? 409 : 404,
      hold_id: row.hold_id,
      errors: [{ sku: null, ...error }],
    };
  }
}

function linesOf(row: HoldRow): OrderLineInput[] {
  return row.lines.map((l) => ({ sku: l.sku, qty: parseQuantity(l.qty) }));
}

function view(row: HoldRow): HoldView {
  return {
    hold_id: row.hold_id,
    stock_id: row.stock_id,
    lines: row.lines.map((l) => ({ sku: l.sku, qty: toUnits(parseQuantity(l.qty)) })),
    expires_at: row.expires_at.toISOString(),
    status: row.status,
  };
}

function notFound(holdId: string): HoldAnswer {
  return {
    ok: false,
    status: 404,
    hold_id: holdId,
    errors: [{ sku: null, ...ORDER_ERRORS.holdNotFound }],
  };
}
