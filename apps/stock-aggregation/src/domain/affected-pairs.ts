import { compareText, type StockSourceLink } from './aggregate';

/** A (stock, SKU) whose aggregate and salable quantity must be recomputed. */
export interface StockSkuPair {
  stock_id: number;
  sku: string;
}

/**
 * A change of an aggregation input. Where a change concerns every SKU at a source, the
 * caller lists them (`skus_at_source`, from its source-item read model), which keeps this
 * function pure. For link changes `links` may be the list before or after: the stock of the
 * change is named explicitly.
 */
export type AggregationChange =
  | { kind: 'source_item'; source_code: string; sku: string }
  | { kind: 'source_enabled'; source_code: string; skus_at_source: readonly string[] }
  | {
      kind: 'link_saved' | 'link_deleted';
      stock_id: number;
      source_code: string;
      skus_at_source: readonly string[];
    }
  /** A SKU's configuration: its threshold and flags change salability in every stock. */
  | { kind: 'sku_config'; sku: string }
  /** The global defaults: every SKU the caller knows of, in every stock. */
  | { kind: 'global_config'; skus: readonly string[] };

/**
 * Lists the pairs a change touches, each once, ordered by stock then SKU so that the
 * read-model updates (and their tests) are deterministic:
 * - a source item: every stock linked to its source;
 * - a source enabled or disabled: every stock linked to it × every SKU at it;
 * - a link added, re-prioritised or removed: that stock × every SKU at that source
 *   (priority does not change quantities, but the answer of sources-by-priority does);
 * - a SKU's configuration: every stock (a stock without that SKU answers "not assigned").
 */
export function affectedPairs(
  change: AggregationChange,
  links: readonly StockSourceLink[],
): StockSkuPair[] {
  switch (change.kind) {
    case 'source_item':
      return pairs(stocksLinkedTo(links, change.source_code), [change.sku]);
    case 'source_enabled':
      return pairs(stocksLinkedTo(links, change.source_code), change.skus_at_source);
    case 'link_saved':
    case 'link_deleted':
      return pairs([change.stock_id], change.skus_at_source);
    case 'sku_config':
      return pairs(allStocks(links), [change.sku]);
    case 'global_config':
      return pairs(allStocks(links), change.skus);
  }
}

function stocksLinkedTo(links: readonly StockSourceLink[], sourceCode: string): number[] {
  return links.filter((link) => link.source_code === sourceCode).map((link) => link.stock_id);
}

function allStocks(links: readonly StockSourceLink[]): number[] {
  return links.map((link) => link.stock_id);
}

function pairs(stockIds: readonly number[], skus: readonly string[]): StockSkuPair[] {
  const stocks = [...new Set(stockIds)].sort((a, b) => a - b);
  const uniqueSkus = [...new Set(skus)].sort(compareText);
  return stocks.flatMap((stock_id) => uniqueSkus.map((sku) => ({ stock_id, sku })));
}
