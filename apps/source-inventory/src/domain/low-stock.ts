import { SOURCE_ITEM_STATUS, type SourceData, type SourceItemStatus } from '@inventory/contracts';
import { compareQuantities, parseQuantity, type Quantity } from './quantity';

/** Magento's default "Notify for Quantity Below". */
export const DEFAULT_NOTIFY_STOCK_QTY = 1;

/** A source item as read models hold it (quantities as 4-place decimal strings). */
export interface LowStockItem {
  source_code: string;
  sku: string;
  quantity: string;
  status: SourceItemStatus;
  /** null: the global default applies. */
  notify_stock_qty: string | null;
}

export type LowStockSource = Pick<SourceData, 'source_code' | 'enabled'>;

/**
 * An item is low on stock when its source is enabled, it is in stock with a positive quantity,
 * and that quantity is below its own threshold or else the global one. Items at zero or out of
 * stock are not "low" but gone, which other reports show.
 */
export function isLowStock(
  item: LowStockItem,
  source: LowStockSource | undefined,
  globalNotifyQty: number | string = DEFAULT_NOTIFY_STOCK_QTY,
): boolean {
  if (!source?.enabled || item.status !== SOURCE_ITEM_STATUS.inStock) return false;
  const quantity = parseQuantity(item.quantity, 'quantity');
  const threshold = parseQuantity(item.notify_stock_qty ?? globalNotifyQty, 'notify_stock_qty');
  return quantity > 0 && quantity < threshold;
}

/** The low items, by quantity ascending, then source code, then SKU (code-unit order, not locale). */
export function lowStockReport(
  items: Iterable<LowStockItem>,
  sources: Iterable<LowStockSource>,
  globalNotifyQty: number | string = DEFAULT_NOTIFY_STOCK_QTY,
): LowStockItem[] {
  const byCode = new Map<string, LowStockSource>();
  for (const source of sources) byCode.set(source.source_code, source);
  const low: Array<{ item: LowStockItem; quantity: Quantity }> = [];
  for (const item of items) {
    if (isLowStock(item, byCode.get(item.source_code), globalNotifyQty)) {
      low.push({ item, quantity: parseQuantity(item.quantity, 'quantity') });
    }
  }
  return low
    .sort(
      (a, b) =>
        compareQuantities(a.quantity, b.quantity) ||
        compareText(a.item.source_code, b.item.source_code) ||
        compareText(a.item.sku, b.item.sku),
    )
    .map(({ item }) => item);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
