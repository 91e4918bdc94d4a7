import { msiMessage, throwIfInvalid, type MsiMessage } from './errors';
import { addQuantities, formatQuantity, subtractQuantities, type Quantity } from './quantity';
import { processIdErrors, sourceCodeErrors } from './sku';
import {
  creditBase,
  eventBase,
  identityErrors,
  notEnoughQuantity,
  quantityField,
} from './source-item.common';
import { processKey, type SourceItemState } from './source-item.state';
import type { SourceItemEvent, TransferIn, TransferOut } from './source-item.types';

/*
 * The source-item steps of a transfer: out of the origin on dispatch, into the destination on
 * receipt, each idempotent by transfer id. Credits create a missing item in stock.
 */

/** `qty: 'all'` moves whatever the item holds; holding nothing, it moves nothing. */
export function decideTransferOut(command: TransferOut, state: SourceItemState): SourceItemEvent[] {
  const errors = transferErrors(
    command,
    command.destination_source_code,
    'destination_source_code',
  );
  const all = command.qty === 'all';
  const requested = all ? undefined : quantityField(command.qty, 'qty', errors, true);
  throwIfInvalid(errors);
  if (state.processed.has(processKey.out(command.transfer_id))) return [];
  let qty: Quantity;
  if (requested === undefined) {
    if (!state.exists || state.quantity <= 0) return [];
    qty = state.quantity;
  } else {
    if (!state.exists || requested > state.quantity) {
      throw notEnoughQuantity(command, requested, state);
    }
    qty = requested;
  }
  const base = eventBase(
    command,
    subtractQuantities(state.quantity, qty),
    state.status,
    'transfer',
    command.transfer_id,
  );
  const data = {
    ...base,
    qty: formatQuantity(qty),
    transfer_id: command.transfer_id,
    destination_source_code: command.destination_source_code,
  };
  return [{ type: 'source_item_transferred_out', data }];
}

export function decideTransferIn(command: TransferIn, state: SourceItemState): SourceItemEvent[] {
  const errors = transferErrors(command, command.origin_source_code, 'origin_source_code');
  const qty = quantityField(command.qty, 'qty', errors, true);
  throwIfInvalid(errors);
  if (state.processed.has(processKey.in(command.transfer_id))) return [];
  const { quantity, status } = creditBase(state);
  const base = eventBase(
    command,
    addQuantities(quantity, qty),
    status,
    'transfer',
    command.transfer_id,
  );
  const data = {
    ...base,
    qty: formatQuantity(qty),
    transfer_id: command.transfer_id,
    origin_source_code: command.origin_source_code,
  };
  return [{ type: 'source_item_transferred_in', data }];
}

function transferErrors(
  command: TransferOut | TransferIn,
  otherSource: string,
  field: string,
): MsiMessage[] {
  const errors = [
    ...identityErrors(command),
    ...processIdErrors(command.transfer_id, 'transfer_id'),
    ...sourceCodeErrors(otherSource, field),
  ];
  if (otherSource === command.source_code) {
    errors.push(msiMessage('Cannot transfer a source on itself'));
  }
  return errors;
}
