import { msiMessage, throwIfInvalid, type MsiMessage } from './errors';
import { formatQuantity, isQuantity, readPositiveQuantity, readQuantity } from './quantity';
import { processIdErrors, skuErrors, sourceCodeErrors } from './sku';
import {
  MAX_TRANSFER_LINES,
  type CreateTransfer,
  type TransferKind,
  type TransferLine,
} from './transfer.types';

const KINDS: readonly TransferKind[] = ['staged', 'bulk', 'partial'];

/** Validates a new transfer (every problem at once) and returns its lines in event form. */
export function validateNewTransfer(command: CreateTransfer): TransferLine[] {
  const errors = processIdErrors(command.transfer_id, 'transfer_id');
  if (!KINDS.includes(command.kind)) {
    errors.push(
      msiMessage('"%field" should be one of: %values.', {
        field: 'kind',
        values: KINDS.join(', '),
      }),
    );
  }
  errors.push(...sourceCodeErrors(command.origin_source_code, 'origin_source_code'));
  errors.push(...sourceCodeErrors(command.destination_source_code, 'destination_source_code'));
  if (command.origin_source_code === command.destination_source_code) {
    errors.push(msiMessage('Cannot transfer a source on itself'));
  }
  if (command.reference !== undefined && typeof command.reference !== 'string') {
    errors.push(msiMessage('"%field" must be text.', { field: 'reference' }));
  }
  const lines = lineErrors(command, errors);
  throwIfInvalid(errors);
  return lines;
}

function lineErrors(command: CreateTransfer, errors: MsiMessage[]): TransferLine[] {
  const items = Array.isArray(command.items) ? command.items : [];
  if (items.length < 1 || items.length > MAX_TRANSFER_LINES) {
    errors.push(
      msiMessage('"%field" must contain between %min and %max lines.', {
        field: 'items',
        min: 1,
        max: MAX_TRANSFER_LINES,
      }),
    );
  }
  const seen = new Set<string>();
  return items.map((line, index) => {
    errors.push(...skuErrors(line.sku, `items[${index}].sku`));
    if (seen.has(line.sku)) {
      errors.push(
        msiMessage('SKU "%sku" appears more than once in "%field".', {
          sku: line.sku,
          field: 'items',
        }),
      );
    }
    seen.add(line.sku);
    return {
      sku: line.sku,
      qty: lineQuantity(command.kind, line.qty, `items[${index}].qty`, errors),
    };
  });
}

function lineQuantity(
  kind: TransferKind,
  qty: unknown,
  field: string,
  errors: MsiMessage[],
): string {
  if (kind === 'bulk') {
    if (qty !== 'all')
      errors.push(msiMessage('"%field" must be "all" in a bulk transfer.', { field }));
    return 'all';
  }
  if (qty === 'all') {
    errors.push(msiMessage('"%field" can be "all" only in a bulk transfer.', { field }));
    return 'all';
  }
  const read = readPositiveQuantity(qty, field);
  if (isQuantity(read)) return formatQuantity(read);
  errors.push(read);
  return String(qty);
}

/**
 * The lines of a dispatched bulk transfer: what each origin item gave, in the transfer's line
 * order. Every line must be stated once; 0 is fine (an item holding nothing gives nothing).
 */
export function validateMoved(
  lines: readonly TransferLine[],
  moved: ReadonlyArray<{ sku: string; qty: unknown }> | undefined,
): TransferLine[] {
  const errors: MsiMessage[] = [];
  const bySku = new Map<string, string>();
  for (const [index, line] of (moved ?? []).entries()) {
    const field = `moved[${index}].qty`;
    const read = readQuantity(line.qty, field);
    if (!isQuantity(read)) errors.push(read);
    else if (read < 0) errors.push(msiMessage('"%field" can not be negative.', { field }));
    if (bySku.has(line.sku) || !lines.some((l) => l.sku === line.sku)) {
      errors.push(
        msiMessage('SKU "%sku" in "%field" is not a line of this transfer or is repeated.', {
          sku: line.sku,
          field: 'moved',
        }),
      );
    }
    bySku.set(line.sku, isQuantity(read) ? formatQuantity(read) : '');
  }
  for (const line of lines) {
    if (!bySku.has(line.sku)) {
      errors.push(
        msiMessage('"%field" must state the quantity moved for SKU "%sku".', {
          field: 'moved',
          sku: line.sku,
        }),
      );
    }
  }
  throwIfInvalid(errors);
  return lines.map((line) => ({ sku: line.sku, qty: bySku.get(line.sku) as string }));
}
