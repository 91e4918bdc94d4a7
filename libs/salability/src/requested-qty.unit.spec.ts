import { effectiveConfig } from './effective-config';
import {
  DEFAULT_INVENTORY_CONFIGURATION,
  type InventoryConfiguration,
} from './product-config.types';
import { parseQuantity } from '@inventory/kernel';
import { isMultipleOf } from './requested-qty';
import { salability } from './salability';

const q = (value: number | string) => parseQuantity(value);

function check(
  requested: number | string,
  overrides: Partial<InventoryConfiguration> = {},
  stock: { qty?: number; reservations?: number; assigned?: boolean; inStock?: boolean } = {},
) {
  return salability({
    config: effectiveConfig({ ...DEFAULT_INVENTORY_CONFIGURATION, ...overrides }, undefined),
    assigned: stock.assigned ?? true,
    any_in_stock: stock.inStock ?? true,
    aggregated_qty: q(stock.qty ?? 100),
    reservations: q(stock.reservations ?? 0),
    requested_qty: q(requested),
  });
}

const codes = (...args: Parameters<typeof check>) => check(...args).errors.map((e) => e.code);
const SUFFICIENT_FAILED = [
  'back_order-disabled',
  'manage_stock-enabled',
  'is_salable_with_reservations-not_enough_qty',
];

describe('salability for a requested quantity', () => {
  it('passes when the requested quantity equals the salable quantity', () => {
    expect(check(7, {}, { qty: 10, reservations: -3 })).toMatchObject({
      is_salable: true,
      errors: [],
    });
    expect(codes(8, {}, { qty: 10, reservations: -3 })).toEqual(SUFFICIENT_FAILED);
  });

  it('reports every failed sufficient condition with MSI messages', () => {
    expect(check(101).errors.map((e) => e.message)).toEqual([
      'Backorders are disabled',
      'Manage stock is enabled',
      'The requested qty is not available',
    ]);
  });

  it.each([
    ['min sale qty', 1, { min_sale_qty: '2' }, 'The fewest you may purchase is 2'],
    [
      'max sale qty',
      11,
      { max_sale_qty: '10' },
      'The requested qty exceeds the maximum qty allowed in shopping cart',
    ],
    [
      'qty increment',
      4,
      { enable_qty_increments: true, qty_increments: '3' },
      'You can buy this product only in quantities of 3 at a time.',
    ],
    ['decimal', 1.5, {}, 'You cannot use decimal quantity for this product.'],
  ] as const)('refuses by %s', (_name, requested, overrides, message) => {
    const result = check(requested, overrides);
    expect(result.is_salable).toBe(false);
    expect(result.errors.map((e) => e.message)).toEqual([message]);
  });

  it('checks min, max, increments, decimals in that order and reports only the first', () => {
    expect(codes(0.5, { min_sale_qty: '1' })).toEqual(['is_correct_qty-min_sale_qty']);
    expect(
      codes(1.5, { is_qty_decimal: true, enable_qty_increments: true, qty_increments: '1' }),
    ).toEqual(['is_correct_qty-qty_increment']);
  });

  it('accepts decimal quantities for decimal products, with decimal increments', () => {
    const decimal = { is_qty_decimal: true, min_sale_qty: '0.5' };
    expect(check(1.5, decimal).is_salable).toBe(true);
    expect(
      check(1.5, { ...decimal, enable_qty_increments: true, qty_increments: '0.5' }),
    ).toMatchObject({ is_salable: true });
    expect(codes(1.25, { ...decimal, enable_qty_increments: true, qty_increments: '0.5' })).toEqual(
      ['is_correct_qty-qty_increment'],
    );
  });

  it('ignores increments unless enabled', () => {
    expect(check(4, { qty_increments: '3' }).is_salable).toBe(true);
  });

  it('keeps MSI tolerance of increment / 10000 around multiples', () => {
    expect(isMultipleOf(q('2.9999'), q(3))).toBe(true);
    expect(isMultipleOf(q('3.0002'), q(3))).toBe(true);
    expect(isMultipleOf(q('2.9997'), q(3))).toBe(false);
    expect(isMultipleOf(q('0.3'), q('0.1'))).toBe(true);
    expect(isMultipleOf(q(6), q(3))).toBe(true);
    expect(isMultipleOf(q(7), q(3))).toBe(false);
  });

  it('collects the quantity error and the in-stock error together (both required)', () => {
    expect(codes(0.5, {}, { inStock: false })).toEqual([
      'is_correct_qty-min_sale_qty',
      'is_any_source_item_in_stock-no_source_items_in_stock',
    ]);
  });

  it('answers only "not assigned" for an unassigned SKU', () => {
    expect(codes(0.5, {}, { assigned: false })).toEqual([
      'requested-sku-is-not-assigned-to-given-stock',
    ]);
  });

  it('passes any quantity with unlimited backorders or manage stock off', () => {
    expect(check(500, { backorders: 1 }, { qty: 0 }).is_salable).toBe(true);
    expect(check(500, { manage_stock: false }, { qty: 0, inStock: false }).is_salable).toBe(true);
  });

  it('sells down to a negative threshold with backorders, not beyond', () => {
    const config = { backorders: 1 as const, min_qty: '-10' };
    expect(check(12, config, { qty: 2 }).is_salable).toBe(true);
    expect(codes(13, config, { qty: 2 })).toEqual(SUFFICIENT_FAILED);
  });

  it('keeps a positive threshold back without backorders', () => {
    expect(check(7, { min_qty: '3' }, { qty: 10 }).is_salable).toBe(true);
    expect(check(8, { min_qty: '3' }, { qty: 10 }).is_salable).toBe(false);
  });

  it('respects reservations', () => {
    expect(check(5, {}, { qty: 10, reservations: -5 }).is_salable).toBe(true);
    expect(check(6, {}, { qty: 10, reservations: -5 }).is_salable).toBe(false);
  });
});
