import { subtractQuantities, ZERO_QUANTITY, type Quantity } from '@inventory/kernel';
import type { CandidatesBySource, Demand } from './demand';
import type { SourceItem, SourceSelectionItem, SourceSelectionResult } from './types';

type RowSink = (sourceCode: string, item: SourceItem, deduct: Quantity) => void;

/**
 * MSI's GetDefaultSortedSourcesResult: walks the sources in the given order and, for every
 * in-stock item of a requested SKU, deducts min(max(available, 0), still to deliver). Every such
 * item gets a row, even when it deducts 0 (the line is already covered or the item is at 0).
 * Shippable when nothing is left to deliver on any line; quantities are exact ten-thousandths,
 * so MSI's float epsilon becomes "at most 0".
 */
export function fillInOrder(
  demand: Demand,
  sourceCodes: readonly string[],
  candidates: CandidatesBySource,
): SourceSelectionResult {
  const rows: SourceSelectionItem[] = [];
  const { shippable } = walk(demand, sourceCodes, candidates, (source_code, item, deduct) =>
    rows.push({ source_code, sku: item.sku, qty_to_deduct: deduct, qty_available: item.quantity }),
  );
  return { source_selection_items: rows, shippable };
}

/** What fillInOrder would deduct from (in order) and whether it ships, without the rows. */
export function fillOutcome(
  demand: Demand,
  sourceCodes: readonly string[],
  candidates: CandidatesBySource,
): { shippable: boolean; used: string[] } {
  return walk(demand, sourceCodes, candidates);
}

function walk(
  demand: Demand,
  sourceCodes: readonly string[],
  candidates: CandidatesBySource,
  row?: RowSink,
): { shippable: boolean; used: string[] } {
  const remaining = new Map(demand);
  const used: string[] = [];
  for (const code of sourceCodes) {
    const list = candidates.get(code);
    if (!list) continue;
    let deducted = false;
    for (const { item, key } of list) {
      const left = remaining.get(key) as Quantity;
      const usable = item.quantity > 0 ? item.quantity : ZERO_QUANTITY;
      const deduct = usable < left ? usable : left;
      row?.(code, item, deduct);
      if (deduct > 0) deducted = true;
      remaining.set(key, subtractQuantities(left, deduct));
    }
    if (deducted) used.push(code);
  }
  let shippable = true;
  for (const left of remaining.values()) if (left > 0) shippable = false;
  return { shippable, used };
}

/** Codes of the sources a result deducts from (qty_to_deduct > 0), in row order. */
export function sourcesUsed(result: SourceSelectionResult): string[] {
  const used = new Set<string>();
  for (const row of result.source_selection_items) {
    if (row.qty_to_deduct > 0) used.add(row.source_code);
  }
  return [...used];
}
