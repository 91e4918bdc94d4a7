import { aggregateSku, linksOfStock, sourceItemLevel, type SourceItemLevel } from './aggregate';
import { parseQuantity, toUnits } from './quantity';
import { isSingleSourceMode } from './single-source';

const item = (source_code: string, qty: number | string, status: 0 | 1 = 1): SourceItemLevel => ({
  source_code,
  quantity: parseQuantity(qty),
  status,
});

describe('aggregateSku', () => {
  const enabled = new Set(['eu', 'us', 'default']);

  it.each([
    [
      'sums in-stock items at enabled linked sources',
      ['eu', 'us'],
      [item('eu', '1.1'), item('us', '2.2')],
      true,
      true,
      3.3,
    ],
    [
      'ignores out-of-stock items but still counts them as assigned',
      ['eu'],
      [item('eu', 5, 0)],
      true,
      false,
      0,
    ],
    [
      'ignores disabled sources for quantity and in-stock',
      ['eu', 'off'],
      [item('off', 9), item('eu', 1)],
      true,
      true,
      1,
    ],
    [
      'is assigned through a disabled linked source alone',
      ['off'],
      [item('off', 9)],
      true,
      false,
      0,
    ],
    ['ignores unlinked sources entirely', ['eu'], [item('us', 4)], false, false, 0],
    [
      'keeps negative (backordered) quantities',
      ['eu', 'us'],
      [item('eu', -2), item('us', 5)],
      true,
      true,
      3,
    ],
    ['has nothing without items', ['eu'], [], false, false, 0],
  ] as const)('%s', (_name, linked, items, assigned, inStock, quantity) => {
    const result = aggregateSku(linked, enabled, items);
    expect(result.assigned).toBe(assigned);
    expect(result.any_in_stock).toBe(inStock);
    expect(toUnits(result.quantity)).toBe(quantity);
  });

  it('reads source-item event payloads exactly', () => {
    expect(sourceItemLevel({ source_code: 'eu', quantity: '0.1000', status: 1 })).toEqual(
      item('eu', '0.1'),
    );
  });

  it('orders a stock’s links by priority, then source code', () => {
    const links = [
      { stock_id: 2, source_code: 'b', priority: 2 },
      { stock_id: 3, source_code: 'x', priority: 1 },
      { stock_id: 2, source_code: 'c', priority: 1 },
      { stock_id: 2, source_code: 'a', priority: 2 },
    ];
    expect(linksOfStock(links, 2).map((l) => l.source_code)).toEqual(['c', 'a', 'b']);
  });
});

describe('isSingleSourceMode', () => {
  it('holds with fewer than two enabled sources', () => {
    expect(isSingleSourceMode([])).toBe(true);
    expect(isSingleSourceMode([{ enabled: true }, { enabled: false }])).toBe(true);
    expect(isSingleSourceMode([{ enabled: true }, { enabled: true }])).toBe(false);
  });
});
