import {
  BACKORDERS,
  type Backorders,
  type InventoryConfiguration,
  type ProductType,
  type StockItemConfiguration,
} from './product-config.types';
import { parseQuantity, QUANTITY_SCALE, type Quantity, ZERO_QUANTITY } from '@inventory/kernel';

/** The configuration salability works with: every flag resolved, decimals exact. */
export interface EffectiveConfig {
  type_id: ProductType;
  manage_stock: boolean;
  /** As configured (after use_config resolution). */
  min_qty: Quantity;
  /** The out-of-stock threshold that actually applies; see effectiveThreshold. */
  threshold: Quantity;
  backorders: Backorders;
  min_sale_qty: Quantity;
  max_sale_qty: Quantity;
  enable_qty_increments: boolean;
  /** 0 when increments are off (or truncate to 0), which disables the check as in Magento. */
  qty_increments: Quantity;
  is_qty_decimal: boolean;
  notify_stock_qty: Quantity;
}

/**
 * Resolves each field: the SKU's own value where its `use_config_*` flag is off, the global
 * default otherwise. An unconfigured SKU is a simple product on the global defaults.
 */
export function effectiveConfig(
  global: InventoryConfiguration,
  sku: StockItemConfiguration | undefined,
): EffectiveConfig {
  const pick = <K extends keyof InventoryConfiguration>(field: K, useConfig: boolean) =>
    sku && !useConfig ? sku[field] : global[field];
  const manageStock = pick('manage_stock', sku?.use_config_manage_stock ?? true);
  const minQty = parseQuantity(pick('min_qty', sku?.use_config_min_qty ?? true), 'min_qty');
  const backorders = pick('backorders', sku?.use_config_backorders ?? true);
  const isDecimal = sku ? sku.is_qty_decimal : global.is_qty_decimal;
  const enableIncrements = pick('enable_qty_increments', sku?.use_config_enable_qty_inc ?? true);
  const increments = parseQuantity(
    pick('qty_increments', sku?.use_config_qty_increments ?? true),
    'qty_increments',
  );
  return {
    type_id: sku?.type_id ?? 'simple',
    manage_stock: manageStock,
    min_qty: minQty,
    threshold: effectiveThreshold(minQty, backorders),
    backorders,
    min_sale_qty: parseQuantity(
      pick('min_sale_qty', sku?.use_config_min_sale_qty ?? true),
      'min_sale_qty',
    ),
    max_sale_qty: parseQuantity(
      pick('max_sale_qty', sku?.use_config_max_sale_qty ?? true),
      'max_sale_qty',
    ),
    enable_qty_increments: enableIncrements,
    qty_increments: enableIncrements ? effectiveIncrement(increments, isDecimal) : ZERO_QUANTITY,
    is_qty_decimal: isDecimal,
    notify_stock_qty: parseQuantity(
      pick('notify_stock_qty', sku?.use_config_notify_stock_qty ?? true),
      'notify_stock_qty',
    ),
  };
}

/**
 * With backorders on, only a negative threshold applies (how far below zero may be sold); a
 * positive one counts as 0. With backorders off, only a positive one applies (units kept
 * back); a negative one counts as 0, since selling below zero is a backorder.
 */
export function effectiveThreshold(minQty: Quantity, backorders: Backorders): Quantity {
  if (backorders === BACKORDERS.no) return minQty > 0 ? minQty : ZERO_QUANTITY;
  return minQty < 0 ? minQty : ZERO_QUANTITY;
}

/** Magento casts the increment of a whole-number product to an integer (Item::getQtyIncrements). */
function effectiveIncrement(increments: Quantity, isDecimal: boolean): Quantity {
  if (isDecimal) return increments;
  const whole = increments - (increments % QUANTITY_SCALE);
  return (whole > 0 ? whole : 0) as Quantity;
}
