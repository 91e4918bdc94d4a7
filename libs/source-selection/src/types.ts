import type { Quantity } from '@inventory/kernel';

/** Degrees, WGS84 (what GeoNames and MSI's source form store). */
export interface LatLng {
  latitude: number;
  longitude: number;
}

/** A shipping address as far as selection needs it (MSI's AddressInterface, minus the street). */
export interface Destination {
  /** ISO 3166-1 alpha-2, as GeoNames keys its postal codes. */
  country: string;
  postcode?: string;
  region?: string;
  city?: string;
  /** When both are given they are used as they are and no lookup happens. */
  latitude?: number;
  longitude?: number;
}

export interface RequestedItem {
  sku: string;
  /** Expected > 0: requests are validated at the edge, as MSI's InventoryRequest is. */
  qty: Quantity;
}

export interface InventoryRequest {
  stockId: number;
  items: readonly RequestedItem[];
  destination?: Destination;
}

/** A source linked to the request's stock, with the link's priority. */
export interface LinkedSource {
  code: string;
  /** Stock-source link priority: lower ships first. */
  priority: number;
  enabled: boolean;
  latitude?: number | null;
  longitude?: number | null;
}

export interface SourceItem {
  source_code: string;
  sku: string;
  /** Quantity available for shipping at the source; may be negative (oversold). */
  quantity: Quantity;
  in_stock: boolean;
}

/** What one algorithm is given: the request and the stock's sources and their items. */
export interface SelectionInput {
  request: InventoryRequest;
  sources: readonly LinkedSource[];
  items: readonly SourceItem[];
}

/** One row of MSI's answer: what to deduct from one source for one SKU. */
export interface SourceSelectionItem {
  source_code: string;
  /** The source item's own spelling of the SKU (matching is case-insensitive). */
  sku: string;
  qty_to_deduct: Quantity;
  qty_available: Quantity;
}

/** MSI's SourceSelectionResultInterface, in its REST shape. */
export interface SourceSelectionResult {
  source_selection_items: SourceSelectionItem[];
  /** True only when every requested line is fully covered. */
  shippable: boolean;
}
