import { isLowStock, lowStockReport, type LowStockItem, type LowStockSource } from './low-stock';

const item = (overrides: Partial<LowStockItem> = {}): LowStockItem => ({
  source_code: 'eu-1',
  sku: 'A',
  quantity: '0.5000',
  status: 1,
  notify_stock_qty: null,
  ...overrides,
});
const enabled: LowStockSource = { source_code: 'eu-1', enabled: true };

describe('isLowStock', () => {
  it('is true below the global default of 1 for an in-stock item of an enabled source', () => {
    expect(isLowStock(item(), enabled)).toBe(true);
    expect(isLowStock(item({ quantity: '0.9999' }), enabled)).toBe(true);
    expect(isLowStock(item({ quantity: '1.0000' }), enabled)).toBe(false);
  });

  it("prefers the item's own threshold over the global one", () => {
    expect(isLowStock(item({ quantity: '4.0000', notify_stock_qty: '5.0000' }), enabled, 1)).toBe(
      true,
    );
    expect(isLowStock(item({ quantity: '0.5000', notify_stock_qty: '0.5000' }), enabled, 10)).toBe(
      false,
    );
    expect(isLowStock(item({ quantity: '9.0000' }), enabled, '10')).toBe(true);
  });

  it('is false for a disabled or unknown source, out of stock, or nothing left', () => {
    expect(isLowStock(item(), { ...enabled, enabled: false })).toBe(false);
    expect(isLowStock(item(), undefined)).toBe(false);
    expect(isLowStock(item({ status: 0 }), enabled)).toBe(false);
    expect(isLowStock(item({ quantity: '0.0000' }), enabled)).toBe(false);
    expect(isLowStock(item({ quantity: '-1.0000' }), enabled)).toBe(false);
  });

  it('compares exactly, without float drift', () => {
    expect(isLowStock(item({ quantity: '0.3000', notify_stock_qty: '0.3000' }), enabled)).toBe(
      false,
    );
    expect(isLowStock(item({ quantity: '0.2999', notify_stock_qty: '0.3000' }), enabled)).toBe(
      true,
    );
  });
});

describe('lowStockReport', () => {
  it('lists low items by quantity, then source code, then SKU', () => {
    const sources: LowStockSource[] = [
      enabled,
      { source_code: 'de-1', enabled: true },
      { source_code: 'off', enabled: false },
    ];
    const items = [
      item({ sku: 'B', quantity: '0.5000' }),
      item({ sku: 'A', quantity: '0.5000' }),
      item({ source_code: 'de-1', sku: 'Z', quantity: '0.5000' }),
      item({ sku: 'C', quantity: '0.2500' }),
      item({ sku: 'D', quantity: '3.0000' }),
      item({ source_code: 'off', sku: 'E', quantity: '0.1000' }),
      item({ sku: 'a', quantity: '0.5000' }),
    ];
    expect(lowStockReport(items, sources).map((i) => `${i.source_code}:${i.sku}`)).toEqual([
      'eu-1:C',
      'de-1:Z',
      'eu-1:A',
      'eu-1:B',
      'eu-1:a',
    ]);
  });

  it('uses the global threshold given', () => {
    expect(lowStockReport([item({ quantity: '3.0000' })], [enabled], '5')).toHaveLength(1);
    expect(lowStockReport([item({ quantity: '3.0000' })], [enabled])).toHaveLength(0);
  });
});
