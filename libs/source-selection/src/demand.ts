import type { Quantity } from '@inventory/kernel';
import type { RequestedItem, SourceItem } from './types';

/** Requested quantity by normalized SKU. */
export type Demand = ReadonlyMap<string, Quantity>;

/** A source item of a requested SKU, with its normalized SKU computed once. */
export interface Candidate {
  item: SourceItem;
  key: string;
}

/** In-stock source items of requested SKUs, by source code. */
export type CandidatesBySource = ReadonlyMap<string, readonly Candidate[]>;

/** MSI lowercases SKUs on both sides (mb_convert_case), so "SKU-1" matches "sku-1". */
export function normalizeSku(sku: string): string {
  return sku.toLowerCase();
}

/**
 * MSI keys the request by normalized SKU, so a SKU requested on two lines keeps the quantity of
 * the last one rather than the sum; reproduced as is (callers that want a sum merge first).
 */
export function demandOf(items: readonly RequestedItem[]): Map<string, Quantity> {
  const demand = new Map<string, Quantity>();
  for (const { sku, qty } of items) demand.set(normalizeSku(sku), qty);
  return demand;
}

/**
 * The items MSI's fill walks: in stock and of a requested SKU. Out-of-stock items never get a
 * row, even with a positive quantity. Within one source they keep the caller's order.
 */
export function candidatesBySource(
  items: readonly SourceItem[],
  demand: Demand,
): CandidatesBySource {
  const bySource = new Map<string, Candidate[]>();
  // Items repeat a few spellings many times: lowercase each once (null: not requested).
  const keys = new Map<string, string | null>();
  for (const item of items) {
    if (!item.in_stock) continue;
    let key = keys.get(item.sku);
    if (key === undefined) {
      const normalized = normalizeSku(item.sku);
      key = demand.has(normalized) ? normalized : null;
      keys.set(item.sku, key);
    }
    if (key === null) continue;
    const list = bySource.get(item.source_code);
    if (list) list.push({ item, key });
    else bySource.set(item.source_code, [{ item, key }]);
  }
  return bySource;
}
