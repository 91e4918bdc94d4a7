import type { Decider } from '@inventory/decider';
import { decideDeduct, decideRestock, decideRevert } from './source-item.processes';
import {
  evolveSourceItem,
  initialSourceItemState,
  type SourceItemState,
} from './source-item.state';
import {
  decideAdjust,
  decideLowStockThreshold,
  decideSave,
  decideUnassign,
} from './source-item.stock';
import { decideTransferIn, decideTransferOut } from './source-item.transfers';
import type { SourceItemCommand, SourceItemEvent } from './source-item.types';

/**
 * One stream per (source, SKU): `sourceItemStream(source_code, sku)`. Every event states the
 * quantity and status after it, so consumers never sum.
 */
export const sourceItemDecider: Decider<SourceItemCommand, SourceItemEvent, SourceItemState> = {
  initialState: initialSourceItemState,
  decide(command, state) {
    switch (command.type) {
      case 'save_source_item':
        return decideSave(command, state);
      case 'adjust_source_item':
        return decideAdjust(command, state);
      case 'deduct_for_shipment':
        return decideDeduct(command, state);
      case 'revert_deduction':
        return decideRevert(command, state);
      case 'restock_for_refund':
        return decideRestock(command, state);
      case 'transfer_out':
        return decideTransferOut(command, state);
      case 'transfer_in':
        return decideTransferIn(command, state);
      case 'unassign_source_item':
        return decideUnassign(command, state);
      case 'set_low_stock_threshold':
        return decideLowStockThreshold(command, state);
    }
  },
  evolve: evolveSourceItem,
};
