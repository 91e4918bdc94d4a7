import { parseQuantity, type Quantity } from '@inventory/kernel';
import { toSourceSelectionJson } from './render';
import type {
  Destination,
  InventoryRequest,
  LinkedSource,
  SourceItem,
  SourceSelectionResult,
} from './types';

/** Test builders: quantities in units, as a person writes them. */
export const q = (units: number | string): Quantity => parseQuantity(units);

export const source = (
  code: string,
  priority: number,
  extra: Partial<LinkedSource> = {},
): LinkedSource => ({ code, priority, enabled: true, ...extra });

export const item = (
  source_code: string,
  sku: string,
  quantity: number | string,
  in_stock = true,
): SourceItem => ({ source_code, sku, quantity: q(quantity), in_stock });

export const request = (
  lines: [sku: string, qty: number | string][],
  destination?: Destination,
): InventoryRequest => ({
  stockId: 2,
  items: lines.map(([sku, qty]) => ({ sku, qty: q(qty) })),
  destination,
});

/** Rows as [source, sku, to deduct, available] in units. */
export const rows = (result: SourceSelectionResult): [string, string, number, number][] =>
  toSourceSelectionJson(result).source_selection_items.map((r) => [
    r.source_code,
    r.sku,
    r.qty_to_deduct,
    r.qty_available,
  ]);

/** Sources the result deducts from, in row order. */
export const used = (result: SourceSelectionResult): string[] => [
  ...new Set(
    result.source_selection_items.filter((r) => r.qty_to_deduct > 0).map((r) => r.source_code),
  ),
];

export const CITIES = {
  berlin: { latitude: 52.52, longitude: 13.405 },
  paris: { latitude: 48.8566, longitude: 2.3522 },
  madrid: { latitude: 40.4168, longitude: -3.7038 },
  lyon: { latitude: 45.764, longitude: 4.8357 },
  london: { latitude: 51.5074, longitude: -0.1278 },
  newYork: { latitude: 40.7128, longitude: -74.006 },
} as const;
