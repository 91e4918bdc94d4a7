import { SOURCE_ITEM_STATUS, type SourceItemStatus } from '@inventory/contracts';
import { addQuantities, parseQuantity, type Quantity, ZERO_QUANTITY } from './quantity';

/** A stock-source link as MSI's REST API shows it. Lower priority ships first. */
export interface StockSourceLink {
  stock_id: number;
  source_code: string;
  priority: number;
}

/** One SKU's item at one source, as the latest source-item event stated it. */
export interface SourceItemLevel {
  source_code: string;
  quantity: Quantity;
  status: SourceItemStatus;
}

/** What salability needs from the source items of one SKU in one stock. */
export interface StockSkuAggregate {
  /** The SKU has an item at some linked source, enabled or not (see the report's notes). */
  assigned: boolean;
  /** Some item is in stock at an enabled linked source. */
  any_in_stock: boolean;
  /** Sum of quantity over in-stock items at enabled linked sources. */
  quantity: Quantity;
}

/** Reads the quantity string of a source-item event payload ("12.5000") exactly. */
export function sourceItemLevel(payload: {
  source_code: string;
  quantity: string;
  status: SourceItemStatus;
}): SourceItemLevel {
  return {
    source_code: payload.source_code,
    quantity: parseQuantity(payload.quantity, 'quantity'),
    status: payload.status,
  };
}

/**
 * Aggregates one SKU for one stock. `linkedSources` are the stock's source codes (any order),
 * `enabledSources` the codes of enabled sources (an unknown source counts as disabled), and
 * `items` the SKU's items at any sources (those at unlinked sources are ignored).
 */
export function aggregateSku(
  linkedSources: Iterable<string>,
  enabledSources: ReadonlySet<string>,
  items: Iterable<SourceItemLevel>,
): StockSkuAggregate {
  const linked = new Set(linkedSources);
  let assigned = false;
  let anyInStock = false;
  let quantity = ZERO_QUANTITY;
  for (const item of items) {
    if (!linked.has(item.source_code)) continue;
    assigned = true;
    if (item.status !== SOURCE_ITEM_STATUS.inStock || !enabledSources.has(item.source_code)) {
      continue;
    }
    anyInStock = true;
    quantity = addQuantities(quantity, item.quantity);
  }
  return { assigned, any_in_stock: anyInStock, quantity };
}

/** The stock's links by ascending priority (ties by source code, so the order is stable). */
export function linksOfStock(links: Iterable<StockSourceLink>, stockId: number): StockSourceLink[] {
  return [...links]
    .filter((link) => link.stock_id === stockId)
    .sort((a, b) => a.priority - b.priority || compareText(a.source_code, b.source_code));
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
