import type {
  Actor,
  AdjustmentReason,
  SourceItemEventBase,
  SourceItemStatus,
} from '@inventory/contracts';
import type { QuantityInput, SourceItemCommand, SourceItemEvent } from './source-item.types';

/** Builders for the source-item decider's tests: item `SKU-1` at source `eu-1`. */
export const actor: Actor = { type: 'user', id: 'admin' };
export const at = '2024-05-01T10:00:00.000Z';
const item = { source_code: 'eu-1', sku: 'SKU-1', actor, occurred_at: at };

export const command = {
  save: (
    quantity: QuantityInput,
    status: SourceItemStatus = 1,
    reason: 'set' | 'import' = 'set',
  ): SourceItemCommand => ({ type: 'save_source_item', ...item, quantity, status, reason }),
  adjust: (
    delta: QuantityInput,
    reason: AdjustmentReason,
    reference?: string,
  ): SourceItemCommand => ({
    type: 'adjust_source_item',
    ...item,
    delta,
    reason,
    ...(reference !== undefined ? { reference } : {}),
  }),
  deduct: (shipment_id: string, qty: QuantityInput): SourceItemCommand => ({
    type: 'deduct_for_shipment',
    ...item,
    shipment_id,
    qty,
  }),
  revert: (shipment_id: string): SourceItemCommand => ({
    type: 'revert_deduction',
    ...item,
    shipment_id,
  }),
  restock: (creditmemo_id: string, qty: QuantityInput): SourceItemCommand => ({
    type: 'restock_for_refund',
    ...item,
    creditmemo_id,
    qty,
  }),
  out: (
    transfer_id: string,
    qty: QuantityInput | 'all',
    destination = 'us-1',
  ): SourceItemCommand => ({
    type: 'transfer_out',
    ...item,
    transfer_id,
    qty,
    destination_source_code: destination,
  }),
  in: (transfer_id: string, qty: QuantityInput, origin = 'us-1'): SourceItemCommand => ({
    type: 'transfer_in',
    ...item,
    transfer_id,
    qty,
    origin_source_code: origin,
  }),
  unassign: (): SourceItemCommand => ({ type: 'unassign_source_item', ...item }),
  threshold: (notify_stock_qty: QuantityInput | null): SourceItemCommand => ({
    type: 'set_low_stock_threshold',
    ...item,
    notify_stock_qty,
  }),
};

function base(quantity: string, status: SourceItemStatus, reason: string, reference?: string) {
  const data: SourceItemEventBase = {
    source_code: 'eu-1',
    sku: 'SKU-1',
    quantity,
    status,
    actor,
    occurred_at: at,
    reason,
  };
  if (reference !== undefined) data.reference = reference;
  return data;
}

/** Event builders take the quantity after the event first, as the events state it. */
export const event = {
  saved: (
    quantity: string,
    status: SourceItemStatus = 1,
    previous: [string, SourceItemStatus] | null = null,
    reason: 'set' | 'import' = 'set',
  ): SourceItemEvent => ({
    type: 'source_item_saved',
    data: {
      ...base(quantity, status, reason),
      previous_quantity: previous ? previous[0] : null,
      previous_status: previous ? previous[1] : null,
    },
  }),
  adjusted: (
    quantity: string,
    delta: string,
    reason: AdjustmentReason,
    status: SourceItemStatus = 1,
    reference?: string,
  ): SourceItemEvent => ({
    type: 'source_item_adjusted',
    data: { ...base(quantity, status, reason, reference), delta },
  }),
  deducted: (
    quantity: string,
    qty: string,
    shipment_id: string,
    status: SourceItemStatus = 1,
  ): SourceItemEvent => ({
    type: 'source_item_deducted',
    data: { ...base(quantity, status, 'shipment', shipment_id), qty, shipment_id },
  }),
  reverted: (
    quantity: string,
    qty: string,
    shipment_id: string,
    status: SourceItemStatus = 1,
  ): SourceItemEvent => ({
    type: 'source_item_deduction_reverted',
    data: { ...base(quantity, status, 'compensation', shipment_id), qty, shipment_id },
  }),
  restocked: (
    quantity: string,
    qty: string,
    creditmemo_id: string,
    status: SourceItemStatus = 1,
  ): SourceItemEvent => ({
    type: 'source_item_restocked',
    data: { ...base(quantity, status, 'refund', creditmemo_id), qty, creditmemo_id },
  }),
  out: (
    quantity: string,
    qty: string,
    transfer_id: string,
    status: SourceItemStatus = 1,
  ): SourceItemEvent => ({
    type: 'source_item_transferred_out',
    data: {
      ...base(quantity, status, 'transfer', transfer_id),
      qty,
      transfer_id,
      destination_source_code: 'us-1',
    },
  }),
  in: (
    quantity: string,
    qty: string,
    transfer_id: string,
    status: SourceItemStatus = 1,
  ): SourceItemEvent => ({
    type: 'source_item_transferred_in',
    data: {
      ...base(quantity, status, 'transfer', transfer_id),
      qty,
      transfer_id,
      origin_source_code: 'us-1',
    },
  }),
  unassigned: (): SourceItemEvent => ({
    type: 'source_item_unassigned',
    data: base('0.0000', 0, 'unassign'),
  }),
  threshold: (
    quantity: string,
    notify: string | null,
    status: SourceItemStatus = 1,
  ): SourceItemEvent => ({
    type: 'low_stock_threshold_set',
    data: { ...base(quantity, status, 'set'), notify_stock_qty: notify },
  }),
};
