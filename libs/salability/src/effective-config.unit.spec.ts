import { effectiveConfig, effectiveThreshold } from './effective-config';
import { DEFAULT_INVENTORY_CONFIGURATION, defaultStockItem } from './product-config.types';
import { parseQuantity, toUnits } from '@inventory/kernel';

const q = (value: number | string) => parseQuantity(value);
const global = DEFAULT_INVENTORY_CONFIGURATION;

describe('effectiveConfig', () => {
  it('uses the global defaults for an unconfigured SKU', () => {
    expect(effectiveConfig(global, undefined)).toEqual({
      type_id: 'simple',
      manage_stock: true,
      min_qty: 0,
      threshold: 0,
      backorders: 0,
      min_sale_qty: q(1),
      max_sale_qty: q(10000),
      enable_qty_increments: false,
      qty_increments: 0,
      is_qty_decimal: false,
      notify_stock_qty: q(1),
    });
  });

  it("uses a SKU's own value only where its use_config flag is off", () => {
    const item = {
      ...defaultStockItem('A'),
      type_id: 'virtual' as const,
      manage_stock: false,
      min_qty: '5.0000',
      use_config_min_qty: false,
      backorders: 1 as const,
      use_config_backorders: true,
      max_sale_qty: '20.0000',
      use_config_max_sale_qty: false,
    };
    const config = effectiveConfig({ ...global, backorders: 2 }, item);
    expect(config).toMatchObject({
      type_id: 'virtual',
      manage_stock: true,
      backorders: 2,
      min_qty: q(5),
      threshold: 0,
      max_sale_qty: q(20),
    });
  });

  it('resolves increments: off means 0; whole products truncate to integers', () => {
    const on = { ...global, enable_qty_increments: true, qty_increments: '2.5000' };
    expect(toUnits(effectiveConfig(on, undefined).qty_increments)).toBe(2);
    expect(
      toUnits(effectiveConfig({ ...on, is_qty_decimal: true }, undefined).qty_increments),
    ).toBe(2.5);
    expect(effectiveConfig({ ...on, qty_increments: '0.5000' }, undefined).qty_increments).toBe(0);
    const item = { ...defaultStockItem('A'), is_qty_decimal: true };
    expect(effectiveConfig(on, item).is_qty_decimal).toBe(true);
  });

  it.each([
    [0, '5', 5],
    [0, '-5', 0],
    [1, '5', 0],
    [1, '-5', -5],
    [2, '-5', -5],
    [2, '0', 0],
  ] as const)(
    'threshold with backorders %s and min_qty %s is %s',
    (backorders, minQty, expected) => {
      expect(toUnits(effectiveThreshold(q(minQty), backorders))).toBe(expected);
    },
  );
});
