import {
  aggregateSku,
  DEFAULT_INVENTORY_CONFIGURATION,
  defaultStockItem,
  effectiveConfig,
  parseQuantity,
  salability,
  ZERO_QUANTITY,
} from '../domain';
import { decodeSalable, encodeSalable } from './salable-model';
import { listParam, skuRequests } from './salable.controller';

const q = (s: string) => parseQuantity(s);

describe('salable read model hash', () => {
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
  const aggregate = aggregateSku(['eu-1', 'eu-2'], new Set(['eu-1']), [
    { source_code: 'eu-1', quantity: q('10.5'), status: 1 },
    { source_code: 'eu-2', quantity: q('7'), status: 1 },
  ]);
  const input = {
    config,
    assigned: aggregate.assigned,
    any_in_stock: aggregate.any_in_stock,
    aggregated_qty: aggregate.quantity,
    reservations: ZERO_QUANTITY,
  };
  const hash = encodeSalable(aggregate, config, ZERO_QUANTITY, salability(input));

  it('stores the aggregate, the result and the effective configuration as strings', () => {
    expect(hash).toMatchObject({
      aggregated_qty: '10.5000',
      salable_qty: '8.5000',
      is_salable: '1',
      assigned: '1',
      any_in_stock: '1',
      threshold: '2.0000',
      min_sale_qty: '3.0000',
      qty_increments: '1.5000',
    });
    expect(Object.values(hash).every((v) => typeof v === 'string')).toBe(true);
  });

  it('gives back the inputs of salability, so reads answer as the projector would', () => {
    expect(decodeSalable(hash)).toEqual(input);
    for (const requested of ['1', '3', '4.5', '8.5', '9', '2.9999']) {
      const withQty = { ...input, requested_qty: q(requested) };
      expect(salability({ ...decodeSalable(hash), requested_qty: q(requested) })).toEqual(
        salability(withQty),
      );
    }
  });

  it('reads a missing hash as not assigned', () => {
    const result = salability({ ...decodeSalable({}), requested_qty: q('1') });
    expect(result.is_salable).toBe(false);
    expect(result.salable_qty).toBe(0);
    expect(result.errors.map((e) => e.code)).toEqual([
      'requested-sku-is-not-assigned-to-given-stock',
    ]);
  });
});

describe('salability query parameters', () => {
  it('reads skus[] in every form', () => {
    expect(listParam({ 'skus[]': ['a', 'b'] }, 'skus')).toEqual(['a', 'b']);
    expect(listParam({ 'skus[]': 'a' }, 'skus')).toEqual(['a']);
    expect(listParam({ 'skus[1]': 'b', 'skus[0]': 'a' }, 'skus')).toEqual(['a', 'b']);
    expect(listParam({ skus: ['a'] }, 'skus')).toEqual(['a']);
  });

  it('reads skuRequests[i][sku|qty]', () => {
    expect(
      skuRequests({
        'skuRequests[1][sku]': 'b',
        'skuRequests[1][qty]': '2',
        'skuRequests[0][sku]': 'a',
        'skuRequests[0][qty]': '1',
      }),
    ).toEqual([
      { sku: 'a', qty: '1' },
      { sku: 'b', qty: '2' },
    ]);
    expect(skuRequests({ skuRequests: [{ sku: 'a', qty: 3 }] })).toEqual([{ sku: 'a', qty: 3 }]);
  });
});
