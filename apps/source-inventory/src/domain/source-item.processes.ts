import { throwIfInvalid } from './errors';
import { addQuantities, formatQuantity, subtractQuantities } from './quantity';
import { processIdErrors } from './sku';
import {
  creditBase,
  eventBase,
  identityErrors,
  notEnoughQuantity,
  quantityField,
} from './source-item.common';
import { processKey, type SourceItemState } from './source-item.state';
import type {
  DeductForShipment,
  RestockForRefund,
  RevertDeduction,
  SourceItemEvent,
} from './source-item.types';

/*
 * Steps of processes that span streams (a shipment's deduction, a refund; transfers are in
 * source-item.transfers.ts). Each is
 * idempotent by its process id, which the state's log remembers, so a retry with new event ids
 * still changes nothing twice. Status never blocks a debit (MSI deducts regardless of it), but
 * no debit takes the quantity below zero.
 */

export function decideDeduct(
  command: DeductForShipment,
  state: SourceItemState,
): SourceItemEvent[] {
  const errors = [
    ...identityErrors(command),
    ...processIdErrors(command.shipment_id, 'shipment_id'),
  ];
  const qty = quantityField(command.qty, 'qty', errors, true);
  throwIfInvalid(errors);
  if (state.processed.has(processKey.deduct(command.shipment_id))) return [];
  if (!state.exists || qty > state.quantity) throw notEnoughQuantity(command, qty, state);
  const after = subtractQuantities(state.quantity, qty);
  const base = eventBase(command, after, state.status, 'shipment', command.shipment_id);
  const data = { ...base, qty: formatQuantity(qty), shipment_id: command.shipment_id };
  return [{ type: 'source_item_deducted', data }];
}

/** Gives back exactly what the shipment deducted here; nothing if it deducted nothing. */
export function decideRevert(command: RevertDeduction, state: SourceItemState): SourceItemEvent[] {
  throwIfInvalid([
    ...identityErrors(command),
    ...processIdErrors(command.shipment_id, 'shipment_id'),
  ]);
  if (state.processed.has(processKey.revert(command.shipment_id))) return [];
  const qty = state.processed.get(processKey.deduct(command.shipment_id));
  if (qty === undefined) return [];
  const { quantity, status } = creditBase(state);
  const base = eventBase(
    command,
    addQuantities(quantity, qty),
    status,
    'compensation',
    command.shipment_id,
  );
  const data = { ...base, qty: formatQuantity(qty), shipment_id: command.shipment_id };
  return [{ type: 'source_item_deduction_reverted', data }];
}

export function decideRestock(
  command: RestockForRefund,
  state: SourceItemState,
): SourceItemEvent[] {
  const errors = [
    ...identityErrors(command),
    ...processIdErrors(command.creditmemo_id, 'creditmemo_id'),
  ];
  const qty = quantityField(command.qty, 'qty', errors, true);
  throwIfInvalid(errors);
  if (state.processed.has(processKey.restock(command.creditmemo_id))) return [];
  const { quantity, status } = creditBase(state);
  const base = eventBase(
    command,
    addQuantities(quantity, qty),
    status,
    'refund',
    command.creditmemo_id,
  );
  const data = { ...base, qty: formatQuantity(qty), creditmemo_id: command.creditmemo_id };
  return [{ type: 'source_item_restocked', data }];
}
