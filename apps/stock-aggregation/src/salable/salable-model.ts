import {
  formatQuantity,
  parseQuantity,
  ZERO_QUANTITY,
  type Backorders,
  type EffectiveConfig,
  type ProductType,
  type SalabilityInput,
  type StockSkuAggregate,
  type Quantity,
  type Salability,
} from '../domain';

/**
 * The salable read model: one Redis hash per assigned (stock, SKU) at
 * `<REDIS_KEY_PREFIX>sa:salable:<stock_id>:<sku>`. It holds the aggregate, the result of
 * `salability` and the effective configuration, so every read (including the requested-qty
 * checks) is answered from this hash alone. A pair that is not assigned (or whose SKU is of a
 * composite type) has no hash, and the SKU is in the stock's index (stockSkusKeyParts) exactly
 * when it has one. No
 * timestamps: the contents are a function of the inputs only.
 */
export type SalableHash = Record<string, string>;

export function salableKeyParts(stockId: number, sku: string): Array<string | number> {
  return ['sa', 'salable', stockId, sku];
}

/**
 * The SKUs with a salable hash in a stock, as a sorted set (score 0, so in SKU byte order):
 * pages of the export are read from it without scanning keys.
 */
export function stockSkusKeyParts(stockId: number): Array<string | number> {
  return ['sa', 'stock-skus', stockId];
}

const bool = (b: boolean) => (b ? '1' : '0');

export function encodeSalable(
  aggregate: StockSkuAggregate,
  config: EffectiveConfig,
  reservations: Quantity,
  result: Salability,
): SalableHash {
  return {
    aggregated_qty: formatQuantity(aggregate.quantity),
    reservations: formatQuantity(reservations),
    salable_qty: formatQuantity(result.salable_qty),
    is_salable: bool(result.is_salable),
    assigned: bool(aggregate.assigned),
    any_in_stock: bool(aggregate.any_in_stock),
    threshold: formatQuantity(config.threshold),
    type_id: config.type_id,
    manage_stock: bool(config.manage_stock),
    min_qty: formatQuantity(config.min_qty),
    backorders: String(config.backorders),
    min_sale_qty: formatQuantity(config.min_sale_qty),
    max_sale_qty: formatQuantity(config.max_sale_qty),
    enable_qty_increments: bool(config.enable_qty_increments),
    qty_increments: formatQuantity(config.qty_increments),
    is_qty_decimal: bool(config.is_qty_decimal),
    notify_stock_qty: formatQuantity(config.notify_stock_qty),
  };
}

/** The inputs of `salability` back from a hash; an empty hash (no key) is "not assigned". */
export function decodeSalable(hash: SalableHash): SalabilityInput {
  if (hash.assigned !== '1') return NOT_ASSIGNED;
  const q = (field: string) => parseQuantity(hash[field] ?? '0', field);
  const backorders = Number(hash.backorders);
  return {
    assigned: true,
    any_in_stock: hash.any_in_stock === '1',
    aggregated_qty: q('aggregated_qty'),
    reservations: q('reservations'),
    config: {
      type_id: (hash.type_id ?? 'simple') as ProductType,
      manage_stock: hash.manage_stock === '1',
      min_qty: q('min_qty'),
      threshold: q('threshold'),
      backorders: (backorders === 1 || backorders === 2 ? backorders : 0) as Backorders,
      min_sale_qty: q('min_sale_qty'),
      max_sale_qty: q('max_sale_qty'),
      enable_qty_increments: hash.enable_qty_increments === '1',
      qty_increments: q('qty_increments'),
      is_qty_decimal: hash.is_qty_decimal === '1',
      notify_stock_qty: q('notify_stock_qty'),
    },
  };
}

/** Not assigned: salability answers this before looking at the configuration. */
const NOT_ASSIGNED: SalabilityInput = {
  assigned: false,
  any_in_stock: false,
  aggregated_qty: ZERO_QUANTITY,
  reservations: ZERO_QUANTITY,
  config: {
    type_id: 'simple',
    manage_stock: true,
    min_qty: ZERO_QUANTITY,
    threshold: ZERO_QUANTITY,
    backorders: 0,
    min_sale_qty: ZERO_QUANTITY,
    max_sale_qty: ZERO_QUANTITY,
    enable_qty_increments: false,
    qty_increments: ZERO_QUANTITY,
    is_qty_decimal: false,
    notify_stock_qty: ZERO_QUANTITY,
  },
};
