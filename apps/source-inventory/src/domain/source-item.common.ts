import {
  NOT_ENOUGH_QUANTITY_MESSAGE,
  SOURCE_ITEM_STATUS,
  type SourceItemEventBase,
  type SourceItemStatus,
} from '@inventory/contracts';
import { msiMessage, notFound, ruleViolation, type MsiMessage } from './errors';
import {
  formatQuantity,
  isQuantity,
  readPositiveQuantity,
  readQuantity,
  ZERO_QUANTITY,
  type Quantity,
} from './quantity';
import { skuErrors, sourceCodeErrors } from './sku';
import type { SourceItemState } from './source-item.state';
import type { SourceItemCommand } from './source-item.types';

/** The shared part of every event a command decides: the item's quantity and status after it. */
export function eventBase(
  command: SourceItemCommand,
  quantity: Quantity,
  status: SourceItemStatus,
  reason: string,
  reference?: string,
): SourceItemEventBase {
  return {
    source_code: command.source_code,
    sku: command.sku,
    quantity: formatQuantity(quantity),
    status,
    actor: command.actor,
    occurred_at: command.occurred_at,
    reason,
    // Omitted rather than undefined: stored JSON drops undefined, and a fold must see the same.
    ...(reference !== undefined ? { reference } : {}),
  };
}

export function identityErrors(command: SourceItemCommand): MsiMessage[] {
  return [...sourceCodeErrors(command.source_code), ...skuErrors(command.sku)];
}

/**
 * Reads a quantity field, adding its problem to `errors`. The zero it returns on error is never
 * used, because the caller throws once all fields are read.
 */
export function quantityField(
  value: unknown,
  field: string,
  errors: MsiMessage[],
  positive = false,
): Quantity {
  const read = positive ? readPositiveQuantity(value, field) : readQuantity(value, field);
  if (isQuantity(read)) return read;
  errors.push(read);
  return ZERO_QUANTITY;
}

/** What credits (restock, transfer in, revert) build on: a missing item is created in stock. */
export function creditBase(state: SourceItemState): {
  quantity: Quantity;
  status: SourceItemStatus;
} {
  return state.exists
    ? { quantity: state.quantity, status: state.status }
    : { quantity: ZERO_QUANTITY, status: SOURCE_ITEM_STATUS.inStock };
}

export function notEnoughQuantity(
  command: SourceItemCommand,
  requested: Quantity,
  state: SourceItemState,
) {
  return ruleViolation(
    'NOT_ENOUGH_QUANTITY',
    NOT_ENOUGH_QUANTITY_MESSAGE,
    {},
    {
      source_code: command.source_code,
      sku: command.sku,
      requested: formatQuantity(requested),
      available: formatQuantity(state.exists ? state.quantity : ZERO_QUANTITY),
    },
  );
}

export function sourceItemNotFound(command: SourceItemCommand) {
  return notFound(
    'SOURCE_ITEM_NOT_FOUND',
    'The source item of SKU "%sku" at source "%source_code" does not exist.',
    { sku: command.sku, source_code: command.source_code },
  );
}

export function oneOf(value: unknown, allowed: readonly string[], field: string): MsiMessage[] {
  return allowed.includes(value as string)
    ? []
    : [msiMessage('"%field" should be one of: %values.', { field, values: allowed.join(', ') })];
}
