import type { Actor } from '@inventory/contracts';
import type { Decider } from '@inventory/decider';
import { msiMessage, throwIfInvalid } from './errors';
import {
  DEFAULT_INVENTORY_CONFIGURATION,
  defaultStockItem,
  type InventoryConfiguration,
  type StockItemConfiguration,
} from '@inventory/salability';
import {
  mergeInventoryConfiguration,
  mergeStockItem,
  type ConfigInput,
} from './product-config.validation';

interface Stamp {
  actor: Actor;
  occurred_at: string;
}

// ---- Global defaults: stream `inventoryconfig-global`

export type InventoryConfigurationCommand = {
  type: 'save_inventory_configuration';
  configuration: ConfigInput<InventoryConfiguration>;
} & Stamp;

export interface InventoryConfigurationSaved extends Stamp {
  /** The whole configuration after the change. */
  configuration: InventoryConfiguration;
  changed: string[];
}

export type InventoryConfigurationEvent = {
  type: 'inventory_configuration_saved';
  data: InventoryConfigurationSaved;
};

/** null until first saved: Magento's defaults apply. */
export type InventoryConfigurationState = InventoryConfiguration | null;

export const inventoryConfigurationDecider: Decider<
  InventoryConfigurationCommand,
  InventoryConfigurationEvent,
  InventoryConfigurationState
> = {
  initialState: null,
  decide({ configuration: input, actor, occurred_at }, state) {
    const current = state ?? DEFAULT_INVENTORY_CONFIGURATION;
    const { value, errors } = mergeInventoryConfiguration(current, input);
    throwIfInvalid(errors);
    const changed = changedFields(current, value);
    if (state && changed.length === 0) return [];
    return [
      {
        type: 'inventory_configuration_saved',
        data: { configuration: value, changed, actor, occurred_at },
      },
    ];
  },
  evolve: (_state, event) => event.data.configuration,
};

// ---- Per-SKU stock items: stream `stockitem-<sku>`

export type StockItemCommand = {
  type: 'save_stock_item';
  /** The SKU addressed (the URL's); the body may repeat it, not change it. */
  sku: string;
  stock_item: ConfigInput<StockItemConfiguration>;
} & Stamp;

export interface StockItemSaved extends Stamp {
  stock_item: StockItemConfiguration;
  changed: string[];
}

export type StockItemEvent = { type: 'stock_item_saved'; data: StockItemSaved };

/** null: never configured, so the SKU is a simple product on the global defaults. */
export type StockItemState = StockItemConfiguration | null;

export const stockItemDecider: Decider<StockItemCommand, StockItemEvent, StockItemState> = {
  initialState: null,
  decide({ sku, stock_item: input, actor, occurred_at }, state) {
    const current = state ?? defaultStockItem(sku);
    const { value, errors } = mergeStockItem(current, input);
    if (input.sku !== undefined && input.sku !== null && input.sku !== sku) {
      errors.unshift(
        msiMessage('"%field" can not be changed from "%value" to "%new_value".', {
          field: 'sku',
          value: sku,
          new_value: String(input.sku),
        }),
      );
    }
    throwIfInvalid(errors);
    const changed = changedFields(current, value);
    // The first save is recorded even with default values: it records the product type.
    if (state && changed.length === 0) return [];
    return [{ type: 'stock_item_saved', data: { stock_item: value, changed, actor, occurred_at } }];
  },
  evolve: (_state, event) => event.data.stock_item,
};

function changedFields<T extends object>(before: T, after: T): string[] {
  return (Object.keys(after) as (keyof T & string)[]).filter(
    (field) => before[field] !== after[field],
  );
}
