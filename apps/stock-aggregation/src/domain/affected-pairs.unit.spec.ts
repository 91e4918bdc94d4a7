import { affectedPairs } from './affected-pairs';

const links = [
  { stock_id: 1, source_code: 'default', priority: 1 },
  { stock_id: 3, source_code: 'eu', priority: 1 },
  { stock_id: 2, source_code: 'eu', priority: 2 },
  { stock_id: 2, source_code: 'us', priority: 1 },
];

describe('affectedPairs', () => {
  it('a source item touches every stock linked to its source', () => {
    expect(affectedPairs({ kind: 'source_item', source_code: 'eu', sku: 'A' }, links)).toEqual([
      { stock_id: 2, sku: 'A' },
      { stock_id: 3, sku: 'A' },
    ]);
    expect(affectedPairs({ kind: 'source_item', source_code: 'nowhere', sku: 'A' }, links)).toEqual(
      [],
    );
  });

  it('a source enabled or disabled touches its stocks × its SKUs', () => {
    const change = {
      kind: 'source_enabled' as const,
      source_code: 'us',
      skus_at_source: ['B', 'A', 'A'],
    };
    expect(affectedPairs(change, links)).toEqual([
      { stock_id: 2, sku: 'A' },
      { stock_id: 2, sku: 'B' },
    ]);
  });

  it('a link saved or deleted touches that stock × the SKUs at its source', () => {
    for (const kind of ['link_saved', 'link_deleted'] as const) {
      expect(
        affectedPairs({ kind, stock_id: 4, source_code: 'eu', skus_at_source: ['A'] }, links),
      ).toEqual([{ stock_id: 4, sku: 'A' }]);
    }
  });

  it('a configuration change touches every stock for the SKU(s)', () => {
    expect(affectedPairs({ kind: 'sku_config', sku: 'A' }, links).map((p) => p.stock_id)).toEqual([
      1, 2, 3,
    ]);
    expect(affectedPairs({ kind: 'global_config', skus: ['A', 'B'] }, links)).toHaveLength(6);
  });
});
