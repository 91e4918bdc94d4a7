import {
  addQuantities,
  formatQuantity,
  negateQuantity,
  parseQuantity,
  subtractQuantities,
  ZERO_QUANTITY,
  type Quantity,
} from '@inventory/kernel';
import {
  salability,
  salabilityInput,
  type SalabilityError,
  type StockLevel,
} from '@inventory/salability';

/** What a reservation belongs to: an order, or a cart hold. */
export interface ReservationRef {
  type: 'order' | 'hold';
  id: string;
}

/** MSI's reservation metadata. */
export interface ReservationMetadata {
  event_type: string;
  object_type: string;
  object_id: string;
  object_increment_id: string;
}

export type ReleaseReason =
  | 'compensation'
  | 'order_canceled'
  | 'creditmemo_created'
  | 'shipment_created'
  | 'hold_released'
  | 'hold_expired'
  | 'hold_converted'
  | 'drift_compensation';

/** Quantities travel as 4-place strings ("1.0000"), never as binary floats. */
export type LedgerEvent =
  | {
      type: 'reservation_placed';
      data: {
        stock_id: number;
        sku: string;
        ref: ReservationRef;
        qty: string;
        /** The level decided against: aggregated quantity, threshold and open reservations. */
        decided_on: { aggregated_qty: string; threshold: string; reservations: string };
        metadata: ReservationMetadata;
      };
    }
  | {
      type: 'reservation_released';
      data: {
        stock_id: number;
        sku: string;
        ref: ReservationRef;
        qty: string;
        reason: ReleaseReason;
        /** Idempotency of partial releases: applied once per (ref, op_id). */
        op_id: string;
        metadata: ReservationMetadata;
      };
    }
  | {
      type: 'hold_converted';
      data: {
        stock_id: number;
        sku: string;
        hold_id: string;
        order_id: string;
        qty: string;
        metadata: ReservationMetadata;
      };
    };

/** One open reservation: its quantity and the release operations already applied to it. */
export interface OpenReservation {
  readonly qty: Quantity;
  readonly ops: readonly string[];
}

const NO_OPS: readonly string[] = Object.freeze([]);
const SHARED_OPEN = new Map<Quantity, OpenReservation>();
const SHARED_OPEN_LIMIT = 10_000;

/**
 * An open reservation's value. Most have no release yet and one of a few quantities, so those
 * share one frozen object per quantity (the first 10,000 quantities seen): a ledger keeps every
 * open reservation in memory, and a service with hundreds of thousands of them then has an
 * object and an array fewer per reservation for the garbage collector to walk.
 */
export function openReservation(qty: Quantity, ops: readonly string[] = NO_OPS): OpenReservation {
  if (ops.length > 0) return { qty, ops };
  let shared = SHARED_OPEN.get(qty);
  if (!shared) {
    shared = Object.freeze({ qty, ops: NO_OPS });
    if (SHARED_OPEN.size < SHARED_OPEN_LIMIT) SHARED_OPEN.set(qty, shared);
  }
  return shared;
}

/**
 * A ledger's state: the open reservations by ref and the signed sums the projection also keeps
 * (negative while reserved, as MSI's reservations table). Closed refs are forgotten, so the
 * state is bounded by what is open.
 */
export interface LedgerState {
  open: ReadonlyMap<string, OpenReservation>;
  orders: Quantity;
  holds: Quantity;
}

/** What deciding needs of the open reservations: a Map, or a draft's overlay. */
export interface OpenReservationsView {
  get(key: string): OpenReservation | undefined;
  readonly size: number;
}

/** A ledger state to decide on: a kept LedgerState or a batch's draft. */
export interface LedgerView {
  open: OpenReservationsView;
  orders: Quantity;
  holds: Quantity;
}

export const EMPTY_LEDGER: LedgerState = {
  open: new Map(),
  orders: ZERO_QUANTITY,
  holds: ZERO_QUANTITY,
};

const ORDER_PREFIX = 'order:';
const HOLD_PREFIX = 'hold:';

/**
 * The key of a ref's open reservation: an order's id as it is, a hold's id behind `hold:`, and
 * an order id that itself starts with `hold:` or `order:` behind `order:` (so no two refs share a
 * key). Orders are most of what is open, and a ledger keeps every open reservation in memory: a
 * key that is the id string the order already brought is one string per reservation for the
 * garbage collector to mark, where a prefixed key was two (the concatenation and its flat copy).
 * Keys stay in memory; nothing stores them.
 */
export const refKey = (ref: ReservationRef): string => {
  if (ref.type === 'hold') return HOLD_PREFIX + ref.id;
  return ref.id.startsWith(HOLD_PREFIX) || ref.id.startsWith(ORDER_PREFIX)
    ? ORDER_PREFIX + ref.id
    : ref.id;
};

/** Nothing open: the books can be closed (a snapshot at this version replaces the history). */
export function isNetZero(state: LedgerView): boolean {
  return state.open.size === 0 && state.orders === 0 && state.holds === 0;
}

export function openReservations(state: LedgerView): Quantity {
  return addQuantities(state.orders, state.holds);
}

export type LedgerOp =
  | {
      kind: 'reserve';
      ref: ReservationRef;
      qty: Quantity;
      level: StockLevel;
      metadata: ReservationMetadata;
    }
  | {
      kind: 'release';
      ref: ReservationRef;
      /** Undefined: everything still open. */
      qty?: Quantity;
      reason: ReleaseReason;
      op_id: string;
      metadata: ReservationMetadata;
    }
  | {
      kind: 'convert';
      hold_id: string;
      order_id: string;
      /** The order's quantity: taken from the hold as far as it goes, the rest reserved anew. */
      qty: Quantity;
      /** The level a quantity beyond the hold is checked against. */
      level: StockLevel;
      metadata: ReservationMetadata;
    };

export type LedgerOpResult =
  | { status: 'reserved'; qty: Quantity }
  | { status: 'already_reserved'; qty: Quantity }
  | { status: 'rejected'; errors: SalabilityError[] }
  | { status: 'released'; qty: Quantity }
  | { status: 'converted'; qty: Quantity }
  | { status: 'nothing_open' };

/**
 * Decides one operation on the ledger. A reservation is accepted only if MSI's full chain
 * (`salability` for the requested quantity) passes on the stock level given and the ledger's
 * open reservations, which are exact because the decision is committed with the ledger's
 * expected version. A ref already open is answered, not reserved twice.
 */
export function decideLedgerOp(
  state: LedgerView,
  stockId: number,
  sku: string,
  op: LedgerOp,
): { events: LedgerEvent[]; result: LedgerOpResult } {
  switch (op.kind) {
    case 'reserve': {
      const open = state.open.get(refKey(op.ref));
      if (open) return { events: [], result: { status: 'already_reserved', qty: open.qty } };
      return place(state, stockId, sku, op.ref, op.qty, op.level, op.metadata);
    }
    case 'release': {
      const open = state.open.get(refKey(op.ref));
      if (!open || open.ops.includes(op.op_id))
        return { events: [], result: { status: 'nothing_open' } };
      const qty = op.qty === undefined || op.qty > open.qty ? open.qty : op.qty;
      if (qty <= 0) return { events: [], result: { status: 'nothing_open' } };
      return {
        events: [
          {
            type: 'reservation_released',
            data: {
              stock_id: stockId,
              sku,
              ref: op.ref,
              qty: formatQuantity(qty),
              reason: op.reason,
              op_id: op.op_id,
              metadata: op.metadata,
            },
          },
        ],
        result: { status: 'released', qty },
      };
    }
    case 'convert': {
      const orderRef: ReservationRef = { type: 'order', id: op.order_id };
      const already = state.open.get(refKey(orderRef));
      if (already) return { events: [], result: { status: 'already_reserved', qty: already.qty } };
      const held = state.open.get(refKey({ type: 'hold', id: op.hold_id }))?.qty ?? ZERO_QUANTITY;
      const converted = op.qty > held ? held : op.qty;
      const extra = subtractQuantities(op.qty, converted);
      const events: LedgerEvent[] = [];
      if (converted > 0) {
        events.push({
          type: 'hold_converted',
          data: {
            stock_id: stockId,
            sku,
            hold_id: op.hold_id,
            order_id: op.order_id,
            qty: formatQuantity(converted),
            metadata: op.metadata,
          },
        });
      }
      if (extra > 0) {
        // Beyond the hold: checked like any reservation, on the state after the conversion.
        const after = draftLedger(state).state;
        for (const e of events) applyLedgerEvent(after, e);
        const placed = place(after, stockId, sku, orderRef, extra, op.level, op.metadata);
        if (placed.result.status === 'rejected') return placed;
        events.push(...placed.events);
      }
      return { events, result: { status: 'converted', qty: op.qty } };
    }
  }
}

/** A new reservation if MSI's chain passes for `qty` on `level` and the open reservations. */
function place(
  state: LedgerView,
  stockId: number,
  sku: string,
  ref: ReservationRef,
  qty: Quantity,
  level: StockLevel,
  metadata: ReservationMetadata,
): { events: LedgerEvent[]; result: LedgerOpResult } {
  const reservations = openReservations(state);
  const check = salability({ ...salabilityInput(level, reservations), requested_qty: qty });
  if (!check.is_salable)
    return { events: [], result: { status: 'rejected', errors: check.errors } };
  return {
    events: [
      {
        type: 'reservation_placed',
        data: {
          stock_id: stockId,
          sku,
          ref,
          qty: formatQuantity(qty),
          decided_on: {
            aggregated_qty: formatQuantity(level.aggregated_qty),
            threshold: formatQuantity(level.config.threshold),
            reservations: formatQuantity(reservations),
          },
          metadata,
        },
      },
    ],
    result: { status: 'reserved', qty },
  };
}

/** What applyLedgerEvent needs of the open reservations: a Map, or a LedgerDraft's overlay. */
export interface WritableOpenReservations {
  get(key: string): OpenReservation | undefined;
  set(key: string, value: OpenReservation): unknown;
  delete(key: string): unknown;
  readonly size: number;
}

/** A ledger state its owner may change in place (see applyLedgerEvent). */
export interface MutableLedgerState {
  open: WritableOpenReservations;
  orders: Quantity;
  holds: Quantity;
}

/** Changes to open reservations over a base map that is read, never copied: O(changes). */
class OpenOverlay implements WritableOpenReservations {
  readonly changes = new Map<string, OpenReservation | null>();
  private delta = 0;

  constructor(private readonly base: OpenReservationsView) {}

  get(key: string): OpenReservation | undefined {
    const changed = this.changes.get(key);
    return changed === undefined ? this.base.get(key) : (changed ?? undefined);
  }

  set(key: string, value: OpenReservation): void {
    if (this.get(key) === undefined) this.delta++;
    this.changes.set(key, value);
  }

  delete(key: string): void {
    if (this.get(key) === undefined) return;
    this.delta--;
    this.changes.set(key, null);
  }

  get size(): number {
    return this.base.size + this.delta;
  }
}

/**
 * A batch's working state over `base` without copying its open reservations (a hot SKU holds
 * thousands): decisions change `state` in place; `settle()` gives the state after them, writing
 * the changes into base's map, which the base's owner must therefore no longer use as it was
 * (the writer's kept state, replaced by the settled one). A draft that is dropped leaves base
 * untouched. The shared EMPTY_LEDGER is never written: settling on it makes a new map.
 */
export function draftLedger(base: LedgerView): {
  state: MutableLedgerState;
  settle(): LedgerState;
} {
  const overlay = new OpenOverlay(base.open);
  const state: MutableLedgerState = { open: overlay, orders: base.orders, holds: base.holds };
  return {
    state,
    settle() {
      if (!(base.open instanceof Map)) throw new Error('only a draft over a kept state settles');
      const open = base.open === EMPTY_LEDGER.open ? new Map<string, OpenReservation>() : base.open;
      for (const [key, value] of overlay.changes) {
        if (value === null) open.delete(key);
        else open.set(key, value);
      }
      return { open, orders: state.orders, holds: state.holds };
    },
  };
}

/** A copy to change in place: O(open reservations), so take one per batch, not per event. */
export function cloneLedger(state: LedgerState): MutableLedgerState & {
  open: Map<string, OpenReservation>;
} {
  return { open: new Map(state.open), orders: state.orders, holds: state.holds };
}

/** Applies one event to a state owned by the caller, in place (O(1)). */
export function applyLedgerEvent(state: MutableLedgerState, event: LedgerEvent): void {
  const field = (ref: ReservationRef) => (ref.type === 'order' ? 'orders' : 'holds');
  const take = (ref: ReservationRef, qty: Quantity, opId?: string) => {
    const key = refKey(ref);
    const current = state.open.get(key);
    if (!current) return;
    const left = subtractQuantities(current.qty, qty);
    if (left <= 0) state.open.delete(key);
    else state.open.set(key, openReservation(left, opId ? [...current.ops, opId] : current.ops));
    state[field(ref)] = addQuantities(state[field(ref)], qty);
  };
  const give = (ref: ReservationRef, qty: Quantity) => {
    const key = refKey(ref);
    const current = state.open.get(key);
    state.open.set(
      key,
      openReservation(addQuantities(current?.qty ?? ZERO_QUANTITY, qty), current?.ops),
    );
    state[field(ref)] = addQuantities(state[field(ref)], negateQuantity(qty));
  };
  switch (event.type) {
    case 'reservation_placed':
      give(event.data.ref, parseQuantity(event.data.qty));
      break;
    case 'reservation_released':
      take(event.data.ref, parseQuantity(event.data.qty), event.data.op_id);
      break;
    case 'hold_converted': {
      const qty = parseQuantity(event.data.qty);
      take({ type: 'hold', id: event.data.hold_id }, qty);
      give({ type: 'order', id: event.data.order_id }, qty);
      break;
    }
  }
}

/** Applies one event to a copy, so earlier states stay valid (O(open reservations)). */
export function evolveLedger(state: LedgerState, event: LedgerEvent): LedgerState {
  const next = cloneLedger(state);
  applyLedgerEvent(next, event);
  return next;
}

/** The signed change of the projection's `orders` / `holds` sums (ten-thousandths) for an event. */
export function projectionDeltas(event: LedgerEvent): { orders: number; holds: number } {
  const qty = parseQuantity(event.data.qty);
  switch (event.type) {
    case 'reservation_placed':
      return event.data.ref.type === 'order'
        ? { orders: -qty, holds: 0 }
        : { orders: 0, holds: -qty };
    case 'reservation_released':
      return event.data.ref.type === 'order'
        ? { orders: qty, holds: 0 }
        : { orders: 0, holds: qty };
    case 'hold_converted':
      return { orders: -qty, holds: qty };
  }
}
