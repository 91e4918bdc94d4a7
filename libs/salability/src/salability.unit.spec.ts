import { effectiveConfig } from './effective-config';
import {
  DEFAULT_INVENTORY_CONFIGURATION,
  type InventoryConfiguration,
} from './product-config.types';
import { parseQuantity, toUnits } from '@inventory/kernel';
import { salability, type SalabilityInput } from './salability';

const q = (value: number | string) => parseQuantity(value);
const config = (overrides: Partial<InventoryConfiguration> = {}) =>
  effectiveConfig({ ...DEFAULT_INVENTORY_CONFIGURATION, ...overrides }, undefined);

interface Case {
  name: string;
  config?: Partial<InventoryConfiguration>;
  assigned?: boolean;
  inStock?: boolean;
  qty: number;
  reservations?: number;
  salableQty: number;
  isSalable: boolean;
  codes?: string[];
}

const run = (c: Case, requested?: number) => {
  const input: SalabilityInput = {
    config: config(c.config),
    assigned: c.assigned ?? true,
    any_in_stock: c.inStock ?? true,
    aggregated_qty: q(c.qty),
    reservations: q(c.reservations ?? 0),
    requested_qty: requested === undefined ? undefined : q(requested),
  };
  return salability(input);
};

const NOT_ENOUGH = 'is_salable_with_reservations-not_enough_qty';

describe('salability', () => {
  const cases: Case[] = [
    { name: 'plain stock', qty: 10, salableQty: 10, isSalable: true },
    { name: 'reservations count', qty: 10, reservations: -4, salableQty: 6, isSalable: true },
    {
      name: 'fully reserved',
      qty: 10,
      reservations: -10,
      salableQty: 0,
      isSalable: false,
      codes: [NOT_ENOUGH],
    },
    { name: 'zero stock', qty: 0, salableQty: 0, isSalable: false, codes: [NOT_ENOUGH] },
    {
      name: 'decimals add exactly',
      qty: 0.3,
      reservations: -0.1,
      salableQty: 0.2,
      isSalable: true,
    },
    {
      name: 'positive threshold without backorders',
      config: { min_qty: '3' },
      qty: 10,
      salableQty: 7,
      isSalable: true,
    },
    {
      name: 'positive threshold at the quantity',
      config: { min_qty: '10' },
      qty: 10,
      salableQty: 0,
      isSalable: false,
      codes: [NOT_ENOUGH],
    },
    {
      name: 'negative threshold without backorders counts as 0',
      config: { min_qty: '-5' },
      qty: 0,
      salableQty: 0,
      isSalable: false,
      codes: [NOT_ENOUGH],
    },
    {
      name: 'backorders with threshold 0: unlimited, salable qty may go negative (MSI)',
      config: { backorders: 1 },
      qty: 0,
      reservations: -5,
      salableQty: -5,
      isSalable: true,
    },
    {
      name: 'backorders ignore a positive threshold',
      config: { backorders: 2, min_qty: '4' },
      qty: 2,
      salableQty: 2,
      isSalable: true,
    },
    {
      name: 'backorders with a negative threshold sell down to it',
      config: { backorders: 1, min_qty: '-10' },
      qty: 0,
      reservations: -3,
      salableQty: 7,
      isSalable: true,
    },
    {
      name: 'backorders with a negative threshold stop at it',
      config: { backorders: 1, min_qty: '-10' },
      qty: -4,
      reservations: -6,
      salableQty: 0,
      isSalable: false,
      codes: [NOT_ENOUGH],
    },
    {
      name: 'manage stock off: salable without a source item in stock',
      config: { manage_stock: false },
      inStock: false,
      qty: 0,
      salableQty: 0,
      isSalable: true,
    },
    {
      name: 'not assigned',
      assigned: false,
      inStock: false,
      qty: 0,
      salableQty: 0,
      isSalable: false,
      codes: ['requested-sku-is-not-assigned-to-given-stock'],
    },
    {
      name: 'not assigned wins over manage stock off',
      config: { manage_stock: false },
      assigned: false,
      qty: 0,
      salableQty: 0,
      isSalable: false,
      codes: ['requested-sku-is-not-assigned-to-given-stock'],
    },
    {
      name: 'no in-stock source item, even with backorders',
      config: { backorders: 1 },
      inStock: false,
      qty: 0,
      salableQty: 0,
      isSalable: false,
      codes: ['is_any_source_item_in_stock-no_source_items_in_stock'],
    },
  ];

  it.each(cases)('$name', (c) => {
    const result = run(c);
    expect(toUnits(result.salable_qty)).toBe(c.salableQty);
    expect(result.is_salable).toBe(c.isSalable);
    expect(result.errors.map((e) => e.code)).toEqual(c.codes ?? []);
  });

  it.each(['configurable', 'bundle', 'grouped'] as const)(
    'ignores source items of a composite type (%s): not assigned, with or without a quantity asked',
    (type_id) => {
      const input: SalabilityInput = {
        config: { ...config(), type_id },
        assigned: true,
        any_in_stock: true,
        aggregated_qty: q(10),
        reservations: q(0),
      };
      const codes = ['requested-sku-is-not-assigned-to-given-stock'];
      const base = salability(input);
      expect([toUnits(base.salable_qty), base.is_salable]).toEqual([0, false]);
      expect(base.errors.map((e) => e.code)).toEqual(codes);
      const asked = salability({ ...input, requested_qty: q(1) });
      expect(asked.errors.map((e) => e.code)).toEqual(codes);
      expect(salability({ ...input, config: { ...input.config, type_id: 'virtual' } })).toEqual(
        expect.objectContaining({ is_salable: true }),
      );
    },
  );

  it('renders MSI messages', () => {
    expect(run({ name: '', assigned: false, qty: 0, salableQty: 0, isSalable: false })).toEqual({
      salable_qty: 0,
      is_salable: false,
      errors: [
        {
          code: 'requested-sku-is-not-assigned-to-given-stock',
          message: 'The requested sku is not assigned to given stock.',
        },
      ],
    });
  });
});
