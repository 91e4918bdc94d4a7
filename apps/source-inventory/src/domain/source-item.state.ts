import { SOURCE_ITEM_STATUS, type SourceItemStatus } from '@inventory/contracts';
import { ProcessLog } from './process-log';
import { parseQuantity, ZERO_QUANTITY, type Quantity } from './quantity';
import type { SourceItemEvent } from './source-item.types';

export interface SourceItemState {
  /** False before the first save or credit, and again after an unassign. */
  exists: boolean;
  quantity: Quantity;
  status: SourceItemStatus;
  /** This item's low-stock threshold (4 places), or null for the global default. */
  notifyStockQty: string | null;
  /** Process steps applied here; kept across unassign, since a late redelivery must stay a no-op. */
  processed: ProcessLog;
}

export const initialSourceItemState: SourceItemState = {
  exists: false,
  quantity: ZERO_QUANTITY,
  status: SOURCE_ITEM_STATUS.outOfStock,
  notifyStockQty: null,
  processed: ProcessLog.empty,
};

/** Keys of the process log: one per step and process id. */
export const processKey = {
  deduct: (shipmentId: string) => `deduct:${shipmentId}`,
  revert: (shipmentId: string) => `revert:${shipmentId}`,
  restock: (creditmemoId: string) => `restock:${creditmemoId}`,
  out: (transferId: string) => `out:${transferId}`,
  in: (transferId: string) => `in:${transferId}`,
};

/** Every event states the quantity and status after it, so evolving is mostly copying them. */
export function evolveSourceItem(state: SourceItemState, event: SourceItemEvent): SourceItemState {
  const next: SourceItemState = {
    ...state,
    exists: event.type !== 'source_item_unassigned',
    quantity: parseQuantity(event.data.quantity, 'quantity'),
    status: event.data.status,
  };
  const log = (key: string, qty: string) => state.processed.with(key, parseQuantity(qty));
  switch (event.type) {
    case 'source_item_deducted':
      return { ...next, processed: log(processKey.deduct(event.data.shipment_id), event.data.qty) };
    case 'source_item_deduction_reverted':
      return { ...next, processed: log(processKey.revert(event.data.shipment_id), event.data.qty) };
    case 'source_item_restocked':
      return {
        ...next,
        processed: log(processKey.restock(event.data.creditmemo_id), event.data.qty),
      };
    case 'source_item_transferred_out':
      return { ...next, processed: log(processKey.out(event.data.transfer_id), event.data.qty) };
    case 'source_item_transferred_in':
      return { ...next, processed: log(processKey.in(event.data.transfer_id), event.data.qty) };
    case 'source_item_unassigned':
      // MSI deletes an unassigned item's low-stock configuration with it.
      return { ...next, notifyStockQty: null };
    case 'low_stock_threshold_set':
      return { ...next, notifyStockQty: event.data.notify_stock_qty };
    default:
      return next;
  }
}
