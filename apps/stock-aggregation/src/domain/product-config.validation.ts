import { msiMessage, type MsiMessage } from './errors';
import {
  PRODUCT_TYPES,
  type InventoryConfiguration,
  type ProductType,
  type StockItemConfiguration,
} from '@inventory/salability';
import { formatQuantity, isQuantity, isWhole, readQuantity } from './quantity';

type Kind = 'boolean' | 'decimal' | 'positive' | 'backorders' | 'type_id';
type Read = { value: unknown } | MsiMessage;

/** What a client may send: any subset of the fields, with loosely typed JSON values. */
export type ConfigInput<T> = { readonly [K in keyof T]?: unknown };

const CONFIG_KINDS: Record<keyof InventoryConfiguration, Kind> = {
  manage_stock: 'boolean',
  min_qty: 'decimal',
  backorders: 'backorders',
  min_sale_qty: 'positive',
  max_sale_qty: 'positive',
  enable_qty_increments: 'boolean',
  qty_increments: 'positive',
  is_qty_decimal: 'boolean',
  notify_stock_qty: 'decimal',
};

const STOCK_ITEM_KINDS: Record<Exclude<keyof StockItemConfiguration, 'sku'>, Kind> = {
  type_id: 'type_id',
  ...CONFIG_KINDS,
  use_config_manage_stock: 'boolean',
  use_config_min_qty: 'boolean',
  use_config_backorders: 'boolean',
  use_config_min_sale_qty: 'boolean',
  use_config_max_sale_qty: 'boolean',
  use_config_enable_qty_inc: 'boolean',
  use_config_qty_increments: 'boolean',
  use_config_notify_stock_qty: 'boolean',
};

/**
 * Applies a client's fields over the current configuration. Like Magento's stock-item save,
 * a field left out (or null) keeps its value, so a PUT of `{backorders: 1}` changes only that.
 * Every problem is reported at once.
 */
export function mergeInventoryConfiguration(
  current: InventoryConfiguration,
  input: ConfigInput<InventoryConfiguration>,
): { value: InventoryConfiguration; errors: MsiMessage[] } {
  return merge(CONFIG_KINDS, current, input);
}

export function mergeStockItem(
  current: StockItemConfiguration,
  input: ConfigInput<StockItemConfiguration>,
): { value: StockItemConfiguration; errors: MsiMessage[] } {
  return merge(STOCK_ITEM_KINDS, current, input);
}

function merge<T extends InventoryConfiguration>(
  kinds: Partial<Record<keyof T, Kind>>,
  current: T,
  input: ConfigInput<T>,
): { value: T; errors: MsiMessage[] } {
  const value = { ...current } as Record<string, unknown>;
  const errors: MsiMessage[] = [];
  for (const [field, kind] of Object.entries(kinds) as [string, Kind][]) {
    const raw = (input as Record<string, unknown>)[field];
    if (raw === undefined || raw === null) continue;
    const read = readField(kind, raw, field);
    if ('message' in read) errors.push(read);
    else value[field] = read.value;
  }
  const merged = value as T;
  if (errors.length === 0) errors.push(...crossFieldErrors(merged));
  return { value: merged, errors };
}

function readField(kind: Kind, raw: unknown, field: string): Read {
  switch (kind) {
    case 'boolean':
      // Magento clients send booleans as true/false, 1/0 or "1"/"0".
      if (raw === true || raw === 1 || raw === '1') return { value: true };
      if (raw === false || raw === 0 || raw === '0') return { value: false };
      return msiMessage('"%field" should be a boolean.', { field });
    case 'backorders': {
      const number = typeof raw === 'string' && /^\d$/.test(raw) ? Number(raw) : raw;
      if (number === 0 || number === 1 || number === 2) return { value: number };
      return msiMessage('"%field" must be one of %values.', { field, values: '0, 1, 2' });
    }
    case 'type_id':
      if (PRODUCT_TYPES.includes(raw as ProductType)) return { value: raw };
      return msiMessage('"%field" must be one of %values.', {
        field,
        values: PRODUCT_TYPES.join(', '),
      });
    case 'decimal':
    case 'positive': {
      const quantity = readQuantity(raw, field);
      if (!isQuantity(quantity)) return quantity;
      if (kind === 'positive' && quantity <= 0) {
        return msiMessage('"%field" must be greater than 0.', { field });
      }
      return { value: formatQuantity(quantity) };
    }
  }
}

/** Rules between fields of one stored configuration (each field is valid on its own). */
function crossFieldErrors(config: InventoryConfiguration): MsiMessage[] {
  const errors: MsiMessage[] = [];
  const min = readQuantity(config.min_sale_qty, 'min_sale_qty');
  const max = readQuantity(config.max_sale_qty, 'max_sale_qty');
  if (isQuantity(min) && isQuantity(max) && max < min) {
    errors.push(
      msiMessage('"%field" must be greater than or equal to "%other".', {
        field: 'max_sale_qty',
        other: 'min_sale_qty',
      }),
    );
  }
  // Magento truncates the increment of a whole-number product to an integer; refusing a
  // fractional one here avoids silently selling in steps the merchant did not set.
  const increments = readQuantity(config.qty_increments, 'qty_increments');
  if (!config.is_qty_decimal && isQuantity(increments) && !isWhole(increments)) {
    errors.push(
      msiMessage('"%field" must be a whole number when "%other" is off.', {
        field: 'qty_increments',
        other: 'is_qty_decimal',
      }),
    );
  }
  return errors;
}
