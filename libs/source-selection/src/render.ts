import { toUnits } from '@inventory/kernel';
import type { SourceSelectionResult } from './types';

/** MSI's REST answer, quantities as JSON numbers of units (as MSI's floats). */
export interface SourceSelectionResultJson {
  source_selection_items: {
    source_code: string;
    sku: string;
    qty_to_deduct: number;
    qty_available: number;
  }[];
  shippable: boolean;
}

export function toSourceSelectionJson(result: SourceSelectionResult): SourceSelectionResultJson {
  return {
    source_selection_items: result.source_selection_items.map((row) => ({
      source_code: row.source_code,
      sku: row.sku,
      qty_to_deduct: toUnits(row.qty_to_deduct),
      qty_available: toUnits(row.qty_available),
    })),
    shippable: result.shippable,
  };
}
