import { formatQuantity, parseQuantity, ZERO_QUANTITY, type Quantity } from '@inventory/kernel';
import type { EffectiveConfig } from './effective-config';
import type { Backorders, ProductType } from './product-config.types';
import type { SalabilityInput } from './salability';

/**
 * The stock level of one (stock, SKU): everything `salability` needs except the reservations.
 * stock-aggregation owns it and writes it to Redis; the salability reads and the reservations
 * service's decisions read it from there.
 */
export interface StockLevel {
  /** The SKU has a source item at some source linked to the stock. */
  assigned: boolean;
  /** At least one of those items is in stock, at an enabled linked source. */
  any_in_stock: boolean;
  /** Sum of quantity over in-stock items at enabled linked sources. */
  aggregated_qty: Quantity;
  config: EffectiveConfig;
}

/**
 * Redis layout shared by the services (all of one deployment use the same REDIS_KEY_PREFIX):
 * - `<prefix>sa:stock-level:<stock_id>:<sku>`: a hash (encodeStockLevel), written by
 *   stock-aggregation, present exactly when the SKU is assigned to the stock and of a type that
 *   carries source items;
 * - `<prefix>sa:stock-skus:<stock_id>`: the SKUs with a level in the stock (sorted set, score 0);
 * - `<prefix>rm:reservations:<stock_id>:<sku>`: a hash written by the reservations service's
 *   projection, fields `orders` and `holds`: the signed sums of open reservations in 1/10,000
 *   units (negative while reserved).
 */
/**
 * The layout of the stock-level read model. Raise it whenever the layout changes: a
 * stock-aggregation that finds another version in Redis (an upgrade) recomputes the model, and
 * readers that know only this layout (the gateway) stop reading it until then.
 */
export const SALABLE_MODEL_VERSION = '2';

export const SALABILITY_KEYS = {
  stockLevel: (prefix: string, stockId: number, sku: string) =>
    `${prefix}sa:stock-level:${stockId}:${sku}`,
  stockSkus: (prefix: string, stockId: number) => `${prefix}sa:stock-skus:${stockId}`,
  reservations: (prefix: string, stockId: number, sku: string) =>
    `${prefix}rm:reservations:${stockId}:${sku}`,
  /** The layout version of these keys (`SALABLE_MODEL_VERSION` once a model is current). */
  modelVersion: (prefix: string) => `${prefix}sa-meta:model-version`,
  /** What every stock level's key starts with (for CLIENT TRACKING). */
  stockLevelPrefix: (prefix: string) => `${prefix}sa:stock-level:`,
  /** What every key a salability answer is computed from starts with (for CLIENT TRACKING). */
  answerPrefixes: (prefix: string) => [`${prefix}sa:stock-level:`, `${prefix}rm:reservations:`],
} as const;

/** The reservations hash's fields. */
export const RESERVATION_FIELDS = ['orders', 'holds'] as const;

const bool = (b: boolean) => (b ? '1' : '0');

/** All strings, no timestamps: the same level always gives the same bytes. */
export function encodeStockLevel(level: StockLevel): Record<string, string> {
  const { config } = level;
  return {
    assigned: bool(level.assigned),
    any_in_stock: bool(level.any_in_stock),
    aggregated_qty: formatQuantity(level.aggregated_qty),
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

/** A level back from its hash; an empty hash (no key) is "not assigned". */
export function decodeStockLevel(hash: Record<string, string>): StockLevel {
  if (hash.assigned !== '1') return NOT_ASSIGNED;
  const q = (field: string) => parseQuantity(hash[field] ?? '0', field);
  const backorders = Number(hash.backorders);
  return {
    assigned: true,
    any_in_stock: hash.any_in_stock === '1',
    aggregated_qty: q('aggregated_qty'),
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

/**
 * The reservations sum from the reservations hash's field values (HMGET of RESERVATION_FIELDS;
 * missing fields are 0). Units are 1/10,000, the kernel's Quantity scale.
 */
export function decodeReservations(values: ReadonlyArray<string | null | undefined>): Quantity {
  let units = 0;
  for (const v of values) {
    if (v === null || v === undefined || v === '') continue;
    const n = Number(v);
    if (!Number.isSafeInteger(n)) throw new Error(`reservations field is not an integer: ${v}`);
    units += n;
  }
  return units === 0 ? ZERO_QUANTITY : (units as Quantity);
}

export function salabilityInput(level: StockLevel, reservations: Quantity): SalabilityInput {
  return {
    config: level.config,
    assigned: level.assigned,
    any_in_stock: level.any_in_stock,
    aggregated_qty: level.aggregated_qty,
    reservations,
  };
}

const NOT_ASSIGNED: StockLevel = {
  assigned: false,
  any_in_stock: false,
  aggregated_qty: ZERO_QUANTITY,
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
