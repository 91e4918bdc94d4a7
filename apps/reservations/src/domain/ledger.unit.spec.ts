import fc from 'fast-check';
import { parseQuantity, ZERO_QUANTITY } from '@inventory/kernel';
import {
  DEFAULT_INVENTORY_CONFIGURATION,
  effectiveConfig,
  type StockLevel,
} from '@inventory/salability';
import {
  applyLedgerEvent,
  decideLedgerOp,
  draftLedger,
  EMPTY_LEDGER,
  evolveLedger,
  isNetZero,
  openReservation,
  openReservations,
  projectionDeltas,
  type LedgerOp,
  type LedgerState,
  refKey,
} from './ledger';

const q = (v: number | string) => parseQuantity(v);
const metadata = {
  event_type: 'order_placed',
  object_type: 'order',
  object_id: 'o',
  object_increment_id: '1',
};
const level = (qty: number, overrides: Partial<typeof DEFAULT_INVENTORY_CONFIGURATION> = {}) =>
  ({
    assigned: true,
    any_in_stock: true,
    aggregated_qty: q(qty),
    config: effectiveConfig({ ...DEFAULT_INVENTORY_CONFIGURATION, ...overrides }, undefined),
  }) satisfies StockLevel;
const reserve = (id: string, qty: number, l: StockLevel = level(3)): LedgerOp => ({
  kind: 'reserve',
  ref: { type: 'order', id },
  qty: q(qty),
  level: l,
  metadata,
});

/** Decides ops in sequence, as the writer's batch does. */
function run(ops: LedgerOp[], state: LedgerState = EMPTY_LEDGER) {
  const results = [];
  const events = [];
  for (const op of ops) {
    const d = decideLedgerOp(state, 2, 'SKU', op);
    for (const e of d.events) state = evolveLedger(state, e);
    events.push(...d.events);
    results.push(d.result);
  }
  return { state, results, events };
}

describe('reservation ledger', () => {
  it('accepts while salable and rejects the rest with MSI codes (no oversell in a batch)', () => {
    const { state, results } = run(['a', 'b', 'c', 'd'].map((id) => reserve(id, 1)));
    expect(results.map((r) => r.status)).toEqual(['reserved', 'reserved', 'reserved', 'rejected']);
    expect(results[3]).toMatchObject({
      errors: expect.arrayContaining([
        expect.objectContaining({ code: 'is_salable_with_reservations-not_enough_qty' }),
      ]),
    });
    expect(openReservations(state)).toBe(q(-3));
  });

  it('answers a ref already open instead of reserving twice', () => {
    const { results, events } = run([reserve('a', 2), reserve('a', 2)]);
    expect(results.map((r) => r.status)).toEqual(['reserved', 'already_reserved']);
    expect(events).toHaveLength(1);
  });

  it('applies the full MSI chain: min sale qty, decimals, not assigned', () => {
    const strict = level(10, { min_sale_qty: '2.0000' });
    const { results } = run([
      reserve('a', 1, strict),
      reserve('b', 1.5, level(10)),
      reserve('c', 1, { ...level(10), assigned: false }),
    ]);
    const codes = results.map((r) => (r.status === 'rejected' ? r.errors[0].code : r.status));
    expect(codes).toEqual([
      'is_correct_qty-min_sale_qty',
      'is_correct_qty-is_qty_decimal',
      'requested-sku-is-not-assigned-to-given-stock',
    ]);
  });

  it('with backorders, reserves down to a negative threshold only', () => {
    const backorders = level(1, { backorders: 1, min_qty: '-2.0000' });
    const { results } = run(['a', 'b', 'c', 'd'].map((id) => reserve(id, 1, backorders)));
    expect(results.map((r) => r.status)).toEqual(['reserved', 'reserved', 'reserved', 'rejected']);
  });

  it('releases partially once per op id, caps at what is open, and closes books at net zero', () => {
    const release = (qty: number | undefined, op_id: string): LedgerOp => ({
      kind: 'release',
      ref: { type: 'order', id: 'a' },
      qty: qty === undefined ? undefined : q(qty),
      reason: 'order_canceled',
      op_id,
      metadata,
    });
    const { state, results } = run([
      reserve('a', 3),
      release(1, 'cancel-1'),
      release(1, 'cancel-1'),
      release(5, 'cancel-2'),
      release(undefined, 'cancel-3'),
    ]);
    expect(results.map((r) => r.status)).toEqual([
      'reserved',
      'released',
      'nothing_open',
      'released',
      'nothing_open',
    ]);
    expect(results[3]).toEqual({ status: 'released', qty: q(2) });
    expect(isNetZero(state)).toBe(true);
  });

  it('shares one value per quantity among reservations without releases, never changing it', () => {
    const { state } = run([
      reserve('a', 1, level(9)),
      reserve('b', 1, level(9)),
      reserve('c', 2, level(9)),
    ]);
    const a = state.open.get(refKey({ type: 'order', id: 'a' }))!;
    expect(state.open.get(refKey({ type: 'order', id: 'b' }))).toBe(a);
    expect(state.open.get(refKey({ type: 'order', id: 'c' }))).not.toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
    const released = evolveLedger(state, {
      type: 'reservation_released',
      data: {
        stock_id: 2,
        sku: 'SKU',
        ref: { type: 'order', id: 'c' },
        qty: '1',
        reason: 'order_canceled',
        op_id: 'cancel-c',
        metadata,
      },
    });
    expect(released.open.get(refKey({ type: 'order', id: 'c' }))).toEqual({
      qty: q(1),
      ops: ['cancel-c'],
    });
    expect(released.open.get(refKey({ type: 'order', id: 'a' }))).toBe(a);
    expect(a).toEqual({ qty: q(1), ops: [] });
    expect(openReservation(q(1))).toBe(a);
    expect(openReservation(q(1), ['x'])).not.toBe(a);
  });

  it('converts a hold into an order reservation without a second check', () => {
    const hold: LedgerOp = { ...reserve('h', 3), ref: { type: 'hold', id: 'h' } } as LedgerOp;
    const { state, results, events } = run([
      hold,
      reserve('x', 1),
      { kind: 'convert', hold_id: 'h', order_id: 'o', qty: q(3), level: level(3), metadata },
    ]);
    expect(results.map((r) => r.status)).toEqual(['reserved', 'rejected', 'converted']);
    expect(state.holds).toBe(ZERO_QUANTITY);
    expect(state.orders).toBe(q(-3));
    const sums = events
      .map(projectionDeltas)
      .reduce((a, d) => ({ orders: a.orders + d.orders, holds: a.holds + d.holds }), {
        orders: 0,
        holds: 0,
      });
    expect(sums).toEqual({ orders: state.orders, holds: 0 });
  });

  it('converts what a hold has and checks only the quantity beyond it', () => {
    const hold: LedgerOp = { ...reserve('h', 2), ref: { type: 'hold', id: 'h' } } as LedgerOp;
    const convert = (order_id: string, qty: number): LedgerOp => ({
      kind: 'convert',
      hold_id: 'h',
      order_id,
      qty: q(qty),
      level: level(3),
      metadata,
    });
    // 2 held + 1 more of 3 in stock: fine; a retry of the same order changes nothing.
    const ok = run([hold, convert('o', 3), convert('o', 3)]);
    expect(ok.results.map((r) => r.status)).toEqual(['reserved', 'converted', 'already_reserved']);
    expect([ok.state.orders, ok.state.holds]).toEqual([q(-3), ZERO_QUANTITY]);
    // 2 held + 2 more of 3: the extra is not salable, nothing converted.
    const tooMuch = run([hold, convert('p', 4)]);
    expect(tooMuch.results[1]).toMatchObject({ status: 'rejected' });
    expect([tooMuch.state.orders, tooMuch.state.holds]).toEqual([ZERO_QUANTITY, q(-2)]);
  });
});

describe('ledger drafts (a batch decides without copying the open reservations)', () => {
  const release = (id: string, qty: number | undefined, op_id: string): LedgerOp => ({
    kind: 'release',
    ref: { type: 'order', id },
    qty: qty === undefined ? undefined : q(qty),
    reason: 'order_canceled',
    op_id,
    metadata,
  });

  it('decides a random batch exactly as copies do, and settles into the kept map', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.record({
              kind: fc.constant('r'),
              id: fc.integer({ min: 0, max: 6 }),
              qty: fc.integer({ min: 1, max: 3 }),
            }),
            fc.record({
              kind: fc.constant('x'),
              id: fc.integer({ min: 0, max: 6 }),
              qty: fc.option(fc.integer({ min: 1, max: 3 })),
            }),
          ),
          { maxLength: 30 },
        ),
        fc.integer({ min: 0, max: 10 }),
        (steps, split) => {
          const ops = steps.map((s, i) =>
            s.kind === 'r'
              ? reserve(`o${s.id}`, s.qty, level(8))
              : release(`o${s.id}`, s.qty ?? undefined, `op${i}`),
          );
          const expected = run(ops);
          // The same ops in two batches, each on a draft settled into the kept state.
          let kept: LedgerState = EMPTY_LEDGER;
          const results = [];
          for (const batch of [ops.slice(0, split), ops.slice(split)]) {
            const draft = draftLedger(kept);
            for (const op of batch) {
              const d = decideLedgerOp(draft.state, 2, 'SKU', op);
              for (const e of d.events) applyLedgerEvent(draft.state, e);
              results.push(d.result);
            }
            kept = draft.settle();
          }
          expect(results).toEqual(expected.results);
          expect([...kept.open.entries()].sort()).toEqual(
            [...expected.state.open.entries()].sort(),
          );
          expect([kept.orders, kept.holds, kept.open.size]).toEqual([
            expected.state.orders,
            expected.state.holds,
            expected.state.open.size,
          ]);
          expect(EMPTY_LEDGER.open.size).toBe(0);
        },
      ),
    );
  });

  it('leaves the kept state untouched when the draft is dropped (a failed append)', () => {
    const kept = run([reserve('a', 2)]).state;
    const draft = draftLedger(kept);
    applyLedgerEvent(draft.state, run([release('a', undefined, 'x')], kept).events[0]);
    expect(draft.state.open.size).toBe(0);
    expect(kept.open.get(refKey({ type: 'order', id: 'a' }))?.qty).toBe(q(2));
    expect(openReservations(kept)).toBe(q(-2));
  });
});

describe('open reservation keys', () => {
  it('no two refs share a key, whatever their ids', () => {
    const ref = fc.record({
      type: fc.constantFrom('order' as const, 'hold' as const),
      id: fc.oneof(
        fc.string(),
        fc.string().map((s) => `hold:${s}`),
        fc.string().map((s) => `order:${s}`),
        fc.string().map((s) => `order:hold:${s}`),
      ),
    });
    fc.assert(
      fc.property(ref, ref, (a, b) => {
        const same = a.type === b.type && a.id === b.id;
        expect(refKey(a) === refKey(b)).toBe(same);
      }),
      { numRuns: 5000 },
    );
    expect(refKey({ type: 'order', id: 'hold:7' })).not.toBe(refKey({ type: 'hold', id: '7' }));
    expect(refKey({ type: 'order', id: '000000123' })).toBe('000000123');
  });
});
