import { selectByPriority } from './priority';
import { item, request, rows, source } from './selection.fixture';

// MSI's sample stock: three EU sources by priority and a disabled one that would come first.
const sources = [
  source('eu-2', 2),
  source('eu-1', 1),
  source('eu-3', 3),
  source('eu-disabled', 0, { enabled: false }),
];

const items = [
  item('eu-1', 'SKU-1', 5.5),
  item('eu-2', 'SKU-1', 3),
  item('eu-3', 'SKU-1', 10),
  item('eu-disabled', 'SKU-1', 10),
  item('eu-1', 'SKU-2', 10, false),
  item('eu-2', 'SKU-2', 2),
  item('eu-3', 'SKU-2', 0),
];

const select = (lines: [string, number | string][]) =>
  selectByPriority({ request: request(lines), sources, items });

describe('priority', () => {
  it('walks enabled sources in ascending priority, with a row for every in-stock item', () => {
    const result = select([['SKU-1', 8]]);
    expect(rows(result)).toEqual([
      ['eu-1', 'SKU-1', 5.5, 5.5],
      ['eu-2', 'SKU-1', 2.5, 3],
      ['eu-3', 'SKU-1', 0, 10],
    ]);
    expect(result.shippable).toBe(true);
  });

  it('skips out-of-stock items even when they have a quantity, and disabled sources', () => {
    const result = select([['SKU-2', 1]]);
    expect(rows(result)).toEqual([
      ['eu-2', 'SKU-2', 1, 2],
      ['eu-3', 'SKU-2', 0, 0],
    ]);
    expect(result.source_selection_items.map((r) => r.source_code)).not.toContain('eu-disabled');
  });

  it('is not shippable when the sources fall short, deducting what there is', () => {
    const result = select([
      ['SKU-1', 20],
      ['SKU-2', 1],
    ]);
    expect(result.shippable).toBe(false);
    expect(rows(result).filter(([, sku]) => sku === 'SKU-1')).toEqual([
      ['eu-1', 'SKU-1', 5.5, 5.5],
      ['eu-2', 'SKU-1', 3, 3],
      ['eu-3', 'SKU-1', 10, 10],
    ]);
  });

  it('matches SKUs case-insensitively and answers with the source item spelling', () => {
    const result = select([['sku-1', 6]]);
    expect(rows(result)).toEqual([
      ['eu-1', 'SKU-1', 5.5, 5.5],
      ['eu-2', 'SKU-1', 0.5, 3],
      ['eu-3', 'SKU-1', 0, 10],
    ]);
    expect(result.shippable).toBe(true);
  });

  it('gives rows grouped by source in priority order across lines', () => {
    const result = select([
      ['SKU-2', 1],
      ['SKU-1', 1],
    ]);
    expect(rows(result).map(([code, sku]) => `${code}/${sku}`)).toEqual([
      'eu-1/SKU-1',
      'eu-2/SKU-1',
      'eu-2/SKU-2',
      'eu-3/SKU-1',
      'eu-3/SKU-2',
    ]);
  });

  it('deducts nothing from a negative quantity and reports it as available', () => {
    const result = selectByPriority({
      request: request([['N', 2]]),
      sources: [source('a', 1), source('b', 2)],
      items: [item('a', 'N', -3), item('b', 'N', 5)],
    });
    expect(rows(result)).toEqual([
      ['a', 'N', 0, -3],
      ['b', 'N', 2, 5],
    ]);
  });

  it('keeps the caller order among equal priorities and walks a listed-twice source once', () => {
    const result = selectByPriority({
      request: request([['X', 3]]),
      sources: [source('b', 1), source('a', 1), source('b', 1)],
      items: [item('a', 'X', 2), item('b', 'X', 2)],
    });
    expect(rows(result)).toEqual([
      ['b', 'X', 2, 2],
      ['a', 'X', 1, 2],
    ]);
  });

  it('ignores items at sources not linked to the stock', () => {
    const result = select([['SKU-2', 3]]);
    expect(result.shippable).toBe(false);
    const withForeign = selectByPriority({
      request: request([['SKU-2', 3]]),
      sources,
      items: [...items, item('us-1', 'SKU-2', 100)],
    });
    expect(rows(withForeign)).toEqual(rows(result));
  });

  it('adds decimals exactly (0.1 + 0.2 covers 0.3)', () => {
    const result = selectByPriority({
      request: request([['D', '0.3']]),
      sources: [source('a', 1), source('b', 2)],
      items: [item('a', 'D', '0.1'), item('b', 'D', '0.2')],
    });
    expect(result.shippable).toBe(true);
    expect(rows(result)).toEqual([
      ['a', 'D', 0.1, 0.1],
      ['b', 'D', 0.2, 0.2],
    ]);
  });

  it('keeps the last quantity of a SKU requested twice, as MSI keys the request by SKU', () => {
    const result = select([
      ['SKU-1', 1],
      ['sku-1', 7],
    ]);
    const deducted = result.source_selection_items.reduce((n, r) => n + r.qty_to_deduct, 0);
    expect(deducted).toBe(70_000);
  });

  it('is shippable without rows for an empty request, and not for a SKU nowhere in stock', () => {
    expect(selectByPriority({ request: request([]), sources, items })).toEqual({
      source_selection_items: [],
      shippable: true,
    });
    expect(select([['UNKNOWN', 1]])).toEqual({ source_selection_items: [], shippable: false });
  });
});
