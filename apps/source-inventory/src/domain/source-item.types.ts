import type {
  Actor,
  AdjustmentReason,
  SourceItemEventMap,
  SourceItemEventType,
  SourceItemStatus,
} from '@inventory/contracts';

/** Quantities arrive as JSON numbers or decimal strings; see readQuantity for what is accepted. */
export type QuantityInput = number | string;

/** What every command on a source-item stream (`sourceitem-<code>/<sku>`) carries. */
interface SourceItemCommandBase {
  source_code: string;
  sku: string;
  actor: Actor;
  occurred_at: string;
}

/** MSI's source-item save: an upsert of quantity and status (any decimal, even negative). */
export interface SaveSourceItem extends SourceItemCommandBase {
  type: 'save_source_item';
  quantity: QuantityInput;
  status: SourceItemStatus;
  reason: 'set' | 'import';
}

export interface AdjustSourceItem extends SourceItemCommandBase {
  type: 'adjust_source_item';
  /** Non-zero; negative removes stock. */
  delta: QuantityInput;
  reason: AdjustmentReason;
  /** Purchase order, count sheet, ... */
  reference?: string;
}

export interface DeductForShipment extends SourceItemCommandBase {
  type: 'deduct_for_shipment';
  shipment_id: string;
  qty: QuantityInput;
}

/** Gives back what `shipment_id` deducted here: the compensation of a failed multi-line deduction. */
export interface RevertDeduction extends SourceItemCommandBase {
  type: 'revert_deduction';
  shipment_id: string;
}

export interface RestockForRefund extends SourceItemCommandBase {
  type: 'restock_for_refund';
  creditmemo_id: string;
  qty: QuantityInput;
}

export interface TransferOut extends SourceItemCommandBase {
  type: 'transfer_out';
  transfer_id: string;
  /** 'all': whatever the item holds (MSI's bulk transfer). */
  qty: QuantityInput | 'all';
  destination_source_code: string;
}

export interface TransferIn extends SourceItemCommandBase {
  type: 'transfer_in';
  transfer_id: string;
  qty: QuantityInput;
  origin_source_code: string;
}

export interface UnassignSourceItem extends SourceItemCommandBase {
  type: 'unassign_source_item';
}

export interface SetLowStockThreshold extends SourceItemCommandBase {
  type: 'set_low_stock_threshold';
  /** null: use the global default. */
  notify_stock_qty: QuantityInput | null;
}

export type SourceItemCommand =
  | SaveSourceItem
  | AdjustSourceItem
  | DeductForShipment
  | RevertDeduction
  | RestockForRefund
  | TransferOut
  | TransferIn
  | UnassignSourceItem
  | SetLowStockThreshold;

/** `data` is exactly the contract payload (what the relay publishes); `type` is the event type. */
export type SourceItemEvent = {
  [K in SourceItemEventType]: { type: K; data: SourceItemEventMap[K] };
}[SourceItemEventType];
