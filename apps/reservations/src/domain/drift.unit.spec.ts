import { parseQuantity, ZERO_QUANTITY } from '@inventory/kernel';
import { orderInconsistencies, type OrderLifeEvent } from './drift';
import type { OrderOutcome } from './order';

const q = (v: number) => parseQuantity(v);
const reserved: OrderOutcome = {
  type: 'order_inventory_reserved',
  data: {
    order_id: 'o',
    stock_id: 2,
    lines: [
      { sku: 'A', qty: 3 },
      { sku: 'B', qty: 1 },
    ],
  },
};
const open = (entries: Array<[string, number]>) =>
  new Map(entries.map(([sku, n]) => [sku, { stock_id: 2, qty: q(n) }]));

describe('drift between ledgers and order events', () => {
  it('finds nothing when the ledgers hold what the outcome reserved', () => {
    expect(
      orderInconsistencies(
        'o',
        open([
          ['A', 3],
          ['B', 1],
        ]),
        reserved,
        [],
      ),
    ).toEqual([]);
  });

  it('expects partial cancels and credit memos to have released, never below 0', () => {
    const life: OrderLifeEvent[] = [
      {
        type: 'order_cancel_recorded',
        data: { event_id: 'e', items: [{ sku: 'A', qty: '1.0000' }] },
      },
      {
        type: 'creditmemo_recorded',
        data: { creditmemo_id: 'c', items: [{ sku: 'B', qty: '5.0000' }] },
      },
    ];
    expect(orderInconsistencies('o', open([['A', 2]]), reserved, life)).toEqual([]);
    expect(orderInconsistencies('o', open([['A', 3]]), reserved, life)).toEqual([
      { order_id: 'o', stock_id: 2, sku: 'A', actual: q(3), expected: q(2) },
    ]);
  });

  it('expects nothing open after a full cancel, a rejection or without an outcome', () => {
    const cancel: OrderLifeEvent = {
      type: 'order_cancel_recorded',
      data: { event_id: 'e', items: null },
    };
    expect(orderInconsistencies('o', open([['B', 1]]), reserved, [cancel])).toEqual([
      { order_id: 'o', stock_id: 2, sku: 'B', actual: q(1), expected: ZERO_QUANTITY },
    ]);
    const rejected: OrderOutcome = {
      type: 'order_inventory_rejected',
      data: { order_id: 'o', stock_id: 2, errors: [] },
    };
    expect(orderInconsistencies('o', open([['A', 3]]), rejected, [])).toHaveLength(1);
    expect(orderInconsistencies('o', open([['A', 3]]), undefined, [])).toHaveLength(1);
  });

  it('reports a reserved line missing from the ledger', () => {
    expect(orderInconsistencies('o', open([['A', 3]]), reserved, [])).toEqual([
      { order_id: 'o', stock_id: 2, sku: 'B', actual: ZERO_QUANTITY, expected: q(1) },
    ]);
  });
});
