/**
 * Integration contract of source-inventory: the events it publishes (through its relay) and the
 * commands it consumes. Quantities travel as decimal strings with exactly 4 places ("12.5000"),
 * so no consumer ever sees binary floating-point drift.
 */

export const SOURCE_ITEM_STATUS = { outOfStock: 0, inStock: 1 } as const;
export type SourceItemStatus = 0 | 1;

export const DEFAULT_SOURCE_CODE = 'default';

/**
 * Event-store categories of source-inventory's published streams (`source-<code>`,
 * `sourceitem-<code>/<sku>`): what its relay routes to the sources and source-items topics, and
 * what a consumer sharing the event store replays to rebuild from it.
 */
export const SOURCE_INVENTORY_CATEGORIES = { source: 'source', sourceItem: 'sourceitem' } as const;

export interface CarrierLink {
  carrier_code: string;
  position: number;
}

/** A source as MSI's REST API shows it (snake_case, optional fields omitted when unset). */
export interface SourceData {
  source_code: string;
  name: string;
  enabled: boolean;
  description?: string;
  latitude?: number;
  longitude?: number;
  country_id: string;
  region_id?: number;
  region?: string;
  city?: string;
  street?: string;
  postcode: string;
  contact_name?: string;
  email?: string;
  phone?: string;
  fax?: string;
  use_default_carrier_config?: boolean;
  carrier_links?: CarrierLink[];
  is_pickup_location_active?: boolean;
  frontend_name?: string;
  frontend_description?: string;
}

/** Who made a change: an operator (from the API's credentials), an integration, or the system. */
export interface Actor {
  type: 'user' | 'integration' | 'system';
  id: string;
}

export type AdjustmentReason =
  'received' | 'cycle_count' | 'damaged' | 'shrinkage' | 'returned' | 'correction' | 'other';

export const ADJUSTMENT_REASONS: AdjustmentReason[] = [
  'received',
  'cycle_count',
  'damaged',
  'shrinkage',
  'returned',
  'correction',
  'other',
];

// ---- Source events (stream `source-<source_code>`, topic inventory.sources.v1, key source_code)

export interface SourceCreated {
  source: SourceData;
  actor: Actor;
  occurred_at: string;
}

export interface SourceUpdated {
  source: SourceData;
  /** Field names whose value changed. */
  changed: string[];
  actor: Actor;
  occurred_at: string;
}

export type SourceEventType = 'source_created' | 'source_updated';

// ---- Source-item events (stream `sourceitem-<source>/<sku>`, topic inventory.source-items.v1, key sku)

/** Every source-item event states the item's quantity and status after it, so consumers keep no sums. */
export interface SourceItemEventBase {
  source_code: string;
  sku: string;
  /** After the event; 4 decimal places. */
  quantity: string;
  status: SourceItemStatus;
  actor: Actor;
  occurred_at: string;
  /** Why: `set`, `import`, an AdjustmentReason, `shipment`, `compensation`, `refund`, `transfer`, `unassign`. */
  reason: string;
  /** Purchase order, count sheet, shipment id, credit memo id, transfer id... */
  reference?: string;
}

export interface SourceItemSaved extends SourceItemEventBase {
  previous_quantity: string | null;
  previous_status: SourceItemStatus | null;
}
export interface SourceItemAdjusted extends SourceItemEventBase {
  delta: string;
}
export interface SourceItemDeducted extends SourceItemEventBase {
  qty: string;
  shipment_id: string;
}
export interface SourceItemDeductionReverted extends SourceItemEventBase {
  qty: string;
  shipment_id: string;
}
export interface SourceItemRestocked extends SourceItemEventBase {
  qty: string;
  creditmemo_id: string;
}
export interface SourceItemTransferredOut extends SourceItemEventBase {
  qty: string;
  transfer_id: string;
  destination_source_code: string;
}
export interface SourceItemTransferredIn extends SourceItemEventBase {
  qty: string;
  transfer_id: string;
  origin_source_code: string;
}
export type SourceItemUnassigned = SourceItemEventBase;
export interface LowStockThresholdSet extends SourceItemEventBase {
  /** null: use the global default. */
  notify_stock_qty: string | null;
}

export interface SourceItemEventMap {
  source_item_saved: SourceItemSaved;
  source_item_adjusted: SourceItemAdjusted;
  source_item_deducted: SourceItemDeducted;
  source_item_deduction_reverted: SourceItemDeductionReverted;
  source_item_restocked: SourceItemRestocked;
  source_item_transferred_out: SourceItemTransferredOut;
  source_item_transferred_in: SourceItemTransferredIn;
  source_item_unassigned: SourceItemUnassigned;
  low_stock_threshold_set: LowStockThresholdSet;
}
export type SourceItemEventType = keyof SourceItemEventMap;

// ---- Commands in (topic inventory.source-commands.v1, key shipment / credit-memo id)

export interface SourceCommandLine {
  sku: string;
  /** Positive decimal, at most 4 places. */
  qty: number | string;
}

/** Deduct a dispatched shipment's lines from one source: all lines or none. Idempotent per shipment_id. */
export interface DeductSourceItems {
  type: 'deduct_source_items';
  event_id: string;
  shipment_id: string;
  source_code: string;
  items: SourceCommandLine[];
}

/** Return refunded lines to a source. Idempotent per creditmemo_id. */
export interface RestockSourceItems {
  type: 'restock_source_items';
  event_id: string;
  creditmemo_id: string;
  source_code: string;
  items: SourceCommandLine[];
}

// ---- Outcomes of commands (stream `deduction-<shipment_id>`, topic inventory.source-deductions.v1)

export interface SourceDeductionCompleted {
  shipment_id: string;
  source_code: string;
  items: Array<{ sku: string; qty: string }>;
  occurred_at: string;
}
export interface SourceDeductionRejected {
  shipment_id: string;
  source_code: string;
  message: string;
  errors: Array<{ sku: string; requested: string; available: string }>;
  occurred_at: string;
}

export const NOT_ENOUGH_QUANTITY_MESSAGE =
  'Not all of your products are available in the requested quantity.';
