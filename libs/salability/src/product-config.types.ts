/**
 * Product inventory configuration in Magento's stock-item vocabulary. Decimal fields travel
 * as 4-place strings ("1.0000"), like the source-inventory contracts, so events never carry
 * binary floats; `effectiveConfig` turns them into exact Quantities.
 */

/** 0: no backorders; 1: allow; 2: allow and notify the customer. */
export type Backorders = 0 | 1 | 2;
export const BACKORDERS = { no: 0, allow: 1, allowAndNotify: 2 } as const;

export const PRODUCT_TYPES = [
  'simple',
  'virtual',
  'downloadable',
  'configurable',
  'bundle',
  'grouped',
] as const;
export type ProductType = (typeof PRODUCT_TYPES)[number];

/** Types with source items of their own; composite types derive salability from children. */
const SOURCE_ITEM_TYPES: ReadonlySet<string> = new Set(['simple', 'virtual', 'downloadable']);

export function carriesSourceItems(type: ProductType): boolean {
  return SOURCE_ITEM_TYPES.has(type);
}

/** The global defaults (`/V1/inventory/configuration`). */
export interface InventoryConfiguration {
  manage_stock: boolean;
  /** The out-of-stock threshold as configured; see effectiveThreshold. */
  min_qty: string;
  backorders: Backorders;
  min_sale_qty: string;
  max_sale_qty: string;
  enable_qty_increments: boolean;
  qty_increments: string;
  is_qty_decimal: boolean;
  notify_stock_qty: string;
}

/** Magento's defaults, which a merchant gets without configuring anything. */
export const DEFAULT_INVENTORY_CONFIGURATION: InventoryConfiguration = Object.freeze({
  manage_stock: true,
  min_qty: '0.0000',
  backorders: 0,
  min_sale_qty: '1.0000',
  max_sale_qty: '10000.0000',
  enable_qty_increments: false,
  qty_increments: '1.0000',
  is_qty_decimal: false,
  notify_stock_qty: '1.0000',
});

/**
 * One SKU's stock item. A field is used only when its `use_config_*` flag is off; otherwise
 * the global default applies. `is_qty_decimal` has no flag in Magento: it is per product.
 */
export interface StockItemConfiguration {
  sku: string;
  type_id: ProductType;
  manage_stock: boolean;
  use_config_manage_stock: boolean;
  min_qty: string;
  use_config_min_qty: boolean;
  backorders: Backorders;
  use_config_backorders: boolean;
  min_sale_qty: string;
  use_config_min_sale_qty: boolean;
  max_sale_qty: string;
  use_config_max_sale_qty: boolean;
  enable_qty_increments: boolean;
  use_config_enable_qty_inc: boolean;
  qty_increments: string;
  use_config_qty_increments: boolean;
  is_qty_decimal: boolean;
  notify_stock_qty: string;
  use_config_notify_stock_qty: boolean;
}

/** A SKU never configured: a simple product following every global default. */
export function defaultStockItem(sku: string): StockItemConfiguration {
  const d = DEFAULT_INVENTORY_CONFIGURATION;
  return {
    sku,
    type_id: 'simple',
    manage_stock: d.manage_stock,
    use_config_manage_stock: true,
    min_qty: d.min_qty,
    use_config_min_qty: true,
    backorders: d.backorders,
    use_config_backorders: true,
    min_sale_qty: d.min_sale_qty,
    use_config_min_sale_qty: true,
    max_sale_qty: d.max_sale_qty,
    use_config_max_sale_qty: true,
    enable_qty_increments: d.enable_qty_increments,
    use_config_enable_qty_inc: true,
    qty_increments: d.qty_increments,
    use_config_qty_increments: true,
    is_qty_decimal: d.is_qty_decimal,
    notify_stock_qty: d.notify_stock_qty,
    use_config_notify_stock_qty: true,
  };
}
