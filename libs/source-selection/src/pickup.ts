import { addQuantities, ZERO_QUANTITY, type Quantity } from '@inventory/kernel';
import { normalizeSku } from './demand';
import { haversineMeters } from './haversine';
import { coordinatesOf } from './source-order';
import type { LatLng, LinkedSource, RequestedItem, SourceItem } from './types';

export interface PickupQuery {
  /** Candidate pickup locations; disabled ones and those without a position never qualify. */
  locations: readonly LinkedSource[];
  center: LatLng;
  radiusKm: number;
  /** What the customer wants to collect; empty means any location in range. */
  required: readonly RequestedItem[];
  /** The locations' source items (availability). */
  items: readonly SourceItem[];
}

export interface PickupLocation {
  source_code: string;
  distance_km: number;
}

/**
 * Pickup locations within `radiusKm` of the center that hold every required SKU in the
 * required quantity (in-stock items, SKUs case-insensitive), nearest first; equal distances
 * keep the given order. Unlike MSI's request map, a SKU on two lines needs both quantities:
 * the customer collects everything at one place.
 */
export function findPickupLocations(query: PickupQuery): PickupLocation[] {
  const needed = new Map<string, Quantity>();
  for (const { sku, qty } of query.required) {
    const key = normalizeSku(sku);
    needed.set(key, addQuantities(needed.get(key) ?? ZERO_QUANTITY, qty));
  }
  const held = holdings(query.items, needed);
  const radiusMeters = query.radiusKm * 1000;
  const found: { source_code: string; meters: number }[] = [];
  for (const location of query.locations) {
    const at = coordinatesOf(location);
    if (!location.enabled || !at) continue;
    const meters = haversineMeters(at, query.center);
    if (!(meters <= radiusMeters)) continue;
    const stock = held.get(location.code);
    const hasAll = [...needed].every(([key, qty]) => (stock?.get(key) ?? ZERO_QUANTITY) >= qty);
    if (hasAll) found.push({ source_code: location.code, meters });
  }
  found.sort((a, b) => a.meters - b.meters);
  return found.map(({ source_code, meters }) => ({ source_code, distance_km: meters / 1000 }));
}

/** In-stock positive quantity of each needed SKU, by source code. */
function holdings(
  items: readonly SourceItem[],
  needed: ReadonlyMap<string, Quantity>,
): Map<string, Map<string, Quantity>> {
  const bySource = new Map<string, Map<string, Quantity>>();
  for (const item of items) {
    const key = normalizeSku(item.sku);
    if (!item.in_stock || item.quantity <= 0 || !needed.has(key)) continue;
    const stock = bySource.get(item.source_code) ?? new Map<string, Quantity>();
    stock.set(key, addQuantities(stock.get(key) ?? ZERO_QUANTITY, item.quantity));
    bySource.set(item.source_code, stock);
  }
  return bySource;
}
