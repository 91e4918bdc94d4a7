import { parseQuantity, ZERO_QUANTITY } from '@inventory/kernel';
import { effectiveConfig } from './effective-config';
import { DEFAULT_INVENTORY_CONFIGURATION, defaultStockItem } from './product-config.types';
import { salability } from './salability';
import {
  decodeReservations,
  decodeStockLevel,
  encodeStockLevel,
  salabilityInput,
  type StockLevel,
} from './stock-level';

const q = (s: string) => parseQuantity(s);

describe('stock level hash', () => {
  const config = effectiveConfig(DEFAULT_INVENTORY_CONFIGURATION, {
    ...defaultStockItem('A'),
    min_qty: '2.0000',
    use_config_min_qty: false,
    min_sale_qty: '3.0000',
    use_config_min_sale_qty: false,
    qty_increments: '1.5000',
    enable_qty_increments: true,
    use_config_enable_qty_inc: false,
    use_config_qty_increments: false,
    is_qty_decimal: true,
  });
  const level: StockLevel = {
    assigned: true,
    any_in_stock: true,
    aggregated_qty: q('10.5'),
    config,
  };
  const hash = encodeStockLevel(level);

  it('stores the aggregate and the effective configuration as strings', () => {
    expect(hash).toMatchObject({
      aggregated_qty: '10.5000',
      assigned: '1',
      any_in_stock: '1',
      threshold: '2.0000',
      min_sale_qty: '3.0000',
      qty_increments: '1.5000',
    });
    expect(Object.values(hash).every((v) => typeof v === 'string')).toBe(true);
  });

  it('gives back the level, so reads answer as a decision on the level would', () => {
    expect(decodeStockLevel(hash)).toEqual(level);
    const reserved = decodeReservations(['-30000', null]);
    for (const requested of ['1', '3', '4.5', '5.5', '6', '2.9999']) {
      const withQty = { ...salabilityInput(level, reserved), requested_qty: q(requested) };
      expect(
        salability({
          ...salabilityInput(decodeStockLevel(hash), reserved),
          requested_qty: q(requested),
        }),
      ).toEqual(salability(withQty));
    }
  });

  it('reads a missing hash as not assigned', () => {
    const result = salability({
      ...salabilityInput(decodeStockLevel({}), ZERO_QUANTITY),
      requested_qty: q('1'),
    });
    expect(result.is_salable).toBe(false);
    expect(result.salable_qty).toBe(0);
    expect(result.errors.map((e) => e.code)).toEqual([
      'requested-sku-is-not-assigned-to-given-stock',
    ]);
  });

  it('sums the reservation fields exactly, missing ones as 0', () => {
    expect(decodeReservations([null, undefined])).toBe(ZERO_QUANTITY);
    expect(decodeReservations(['-15000', '5000'])).toBe(q('-1'));
    expect(() => decodeReservations(['1.5'])).toThrow(/not an integer/);
  });
});
