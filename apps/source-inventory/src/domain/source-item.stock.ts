import {
  ADJUSTMENT_REASONS,
  SOURCE_ITEM_STATUS,
  type SourceItemStatus,
} from '@inventory/contracts';
import { msiMessage, ruleViolation, throwIfInvalid, type MsiMessage } from './errors';
import { addQuantities, formatQuantity, ZERO_QUANTITY } from './quantity';
import {
  eventBase,
  identityErrors,
  oneOf,
  quantityField,
  sourceItemNotFound,
} from './source-item.common';
import type { SourceItemState } from './source-item.state';
import type {
  AdjustSourceItem,
  SaveSourceItem,
  SetLowStockThreshold,
  SourceItemEvent,
  UnassignSourceItem,
} from './source-item.types';

const STATUSES: readonly unknown[] = [SOURCE_ITEM_STATUS.outOfStock, SOURCE_ITEM_STATUS.inStock];

/** Upsert of quantity and status; status is independent of quantity, as in MSI. */
export function decideSave(command: SaveSourceItem, state: SourceItemState): SourceItemEvent[] {
  const errors = identityErrors(command);
  const quantity = quantityField(command.quantity, 'quantity', errors);
  if (!STATUSES.includes(command.status)) {
    // Sic: MSI's own wording.
    errors.push(msiMessage('"%field" should a known status.', { field: 'status' }));
  }
  errors.push(...oneOf(command.reason, ['set', 'import'], 'reason'));
  throwIfInvalid(errors);
  if (state.exists && state.quantity === quantity && state.status === command.status) return [];
  const data = {
    ...eventBase(command, quantity, command.status, command.reason),
    previous_quantity: state.exists ? formatQuantity(state.quantity) : null,
    previous_status: state.exists ? state.status : null,
  };
  return [{ type: 'source_item_saved', data }];
}

/**
 * A counted change of stock. Only `received` may create an item (stock arriving at a source);
 * other reasons need an existing one. No adjustment may take the quantity below zero, and one
 * that adds stock is always allowed, even to an item a save left negative.
 */
export function decideAdjust(command: AdjustSourceItem, state: SourceItemState): SourceItemEvent[] {
  const errors: MsiMessage[] = [];
  const delta = quantityField(command.delta, 'delta', errors);
  if (errors.length === 0 && delta === 0) {
    errors.push(msiMessage('"%field" can not be 0.', { field: 'delta' }));
  }
  errors.unshift(...identityErrors(command));
  errors.push(...oneOf(command.reason, ADJUSTMENT_REASONS, 'reason'));
  errors.push(...referenceErrors(command.reference));
  throwIfInvalid(errors);
  if (!state.exists && command.reason !== 'received') throw sourceItemNotFound(command);
  const before = state.exists ? state.quantity : ZERO_QUANTITY;
  const status: SourceItemStatus = state.exists ? state.status : SOURCE_ITEM_STATUS.inStock;
  const after = addQuantities(before, delta);
  if (delta < 0 && after < 0) {
    throw ruleViolation(
      'QUANTITY_BELOW_ZERO',
      'The adjustment would take the quantity below zero.',
      {},
      { source_code: command.source_code, sku: command.sku, quantity: formatQuantity(before) },
    );
  }
  const base = eventBase(command, after, status, command.reason, command.reference || undefined);
  return [{ type: 'source_item_adjusted', data: { ...base, delta: formatQuantity(delta) } }];
}

function referenceErrors(reference: unknown): MsiMessage[] {
  return reference === undefined || typeof reference === 'string'
    ? []
    : [msiMessage('"%field" must be text.', { field: 'reference' })];
}

/** MSI's unassign deletes the item: quantity 0, out of stock; a later save creates it again. */
export function decideUnassign(
  command: UnassignSourceItem,
  state: SourceItemState,
): SourceItemEvent[] {
  throwIfInvalid(identityErrors(command));
  if (!state.exists) return [];
  const data = eventBase(command, ZERO_QUANTITY, SOURCE_ITEM_STATUS.outOfStock, 'unassign');
  return [{ type: 'source_item_unassigned', data }];
}

export function decideLowStockThreshold(
  command: SetLowStockThreshold,
  state: SourceItemState,
): SourceItemEvent[] {
  const errors = identityErrors(command);
  const value = command.notify_stock_qty;
  const threshold = value === null ? null : quantityField(value, 'notify_stock_qty', errors);
  throwIfInvalid(errors);
  if (!state.exists) throw sourceItemNotFound(command);
  const notify = threshold === null ? null : formatQuantity(threshold);
  if (notify === state.notifyStockQty) return [];
  const base = eventBase(command, state.quantity, state.status, 'set');
  return [{ type: 'low_stock_threshold_set', data: { ...base, notify_stock_qty: notify } }];
}
