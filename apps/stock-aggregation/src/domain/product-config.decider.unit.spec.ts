import type { Actor } from '@inventory/contracts';
import { deciderSpec } from '@inventory/decider';
import type { ValidationFailedError } from './errors';
import {
  inventoryConfigurationDecider,
  stockItemDecider,
  type InventoryConfigurationEvent,
  type StockItemEvent,
} from './product-config.decider';
import { DEFAULT_INVENTORY_CONFIGURATION, defaultStockItem } from '@inventory/salability';

const actor: Actor = { type: 'user', id: 'admin' };
const occurred_at = '2024-05-01T10:00:00.000Z';
const global = deciderSpec(inventoryConfigurationDecider);
const items = deciderSpec(stockItemDecider);

const configSaved = (
  overrides: Partial<typeof DEFAULT_INVENTORY_CONFIGURATION>,
  changed: string[],
): InventoryConfigurationEvent => ({
  type: 'inventory_configuration_saved',
  data: {
    configuration: { ...DEFAULT_INVENTORY_CONFIGURATION, ...overrides },
    changed,
    actor,
    occurred_at,
  },
});
const itemSaved = (
  overrides: Partial<ReturnType<typeof defaultStockItem>>,
  changed: string[],
): StockItemEvent => ({
  type: 'stock_item_saved',
  data: { stock_item: { ...defaultStockItem('A'), ...overrides }, changed, actor, occurred_at },
});

describe('inventory configuration decider', () => {
  const save = (configuration: Record<string, unknown>) => ({
    type: 'save_inventory_configuration' as const,
    configuration,
    actor,
    occurred_at,
  });

  it('merges given fields over the defaults, normalising decimals', () => {
    global
      .givenEvents()
      .when(save({ backorders: 1, min_qty: -5, max_sale_qty: '50' }))
      .then([
        configSaved({ backorders: 1, min_qty: '-5.0000', max_sale_qty: '50.0000' }, [
          'min_qty',
          'backorders',
          'max_sale_qty',
        ]),
      ]);
  });

  it('decides nothing when nothing changes', () => {
    global
      .givenEvents(configSaved({ backorders: 1 }, ['backorders']))
      .when(save({ backorders: '1', manage_stock: true }))
      .thenNothing();
  });

  it('lists every problem in MSI form', () => {
    const error = global
      .givenEvents()
      .when(save({ backorders: 3, min_sale_qty: 0, manage_stock: 'yes', qty_increments: 'x' }))
      .thenThrows('VALIDATION_FAILED') as ValidationFailedError;
    expect(error.errors).toEqual([
      { message: '"%field" should be a boolean.', parameters: { field: 'manage_stock' } },
      {
        message: '"%field" must be one of %values.',
        parameters: { field: 'backorders', values: '0, 1, 2' },
      },
      { message: '"%field" must be greater than 0.', parameters: { field: 'min_sale_qty' } },
      { message: '"%field" should be numeric.', parameters: { field: 'qty_increments' } },
    ]);
  });

  it('refuses max below min sale qty and fractional increments for whole products', () => {
    const error = global
      .givenEvents()
      .when(save({ min_sale_qty: 5, max_sale_qty: 2, qty_increments: '0.5' }))
      .thenThrows('VALIDATION_FAILED');
    expect(error.message).toBe(
      '"max_sale_qty" must be greater than or equal to "min_sale_qty". ' +
        '"qty_increments" must be a whole number when "is_qty_decimal" is off.',
    );
  });
});

describe('stock item decider', () => {
  const save = (stock_item: Record<string, unknown>, sku = 'A') => ({
    type: 'save_stock_item' as const,
    sku,
    stock_item,
    actor,
    occurred_at,
  });

  it('records the first save, even with defaults, to know the product type', () => {
    items
      .givenEvents()
      .when(save({}))
      .then([itemSaved({}, [])]);
    items
      .givenEvents()
      .when(save({ type_id: 'configurable', use_config_backorders: 0, backorders: 2 }))
      .then([
        itemSaved({ type_id: 'configurable', use_config_backorders: false, backorders: 2 }, [
          'type_id',
          'backorders',
          'use_config_backorders',
        ]),
      ]);
  });

  it('keeps fields left out (Magento merges a stock-item save)', () => {
    items
      .givenEvents(itemSaved({ min_qty: '2.0000', use_config_min_qty: false }, []))
      .when(save({ notify_stock_qty: 3, use_config_notify_stock_qty: false }))
      .then([
        itemSaved(
          {
            min_qty: '2.0000',
            use_config_min_qty: false,
            notify_stock_qty: '3.0000',
            use_config_notify_stock_qty: false,
          },
          ['notify_stock_qty', 'use_config_notify_stock_qty'],
        ),
      ]);
  });

  it('decides nothing on an unchanged repeat', () => {
    items
      .givenEvents(itemSaved({}, []))
      .when(save({ sku: 'A', manage_stock: true }))
      .thenNothing();
  });

  it('refuses to change the SKU or an unknown product type', () => {
    const error = items
      .givenEvents()
      .when(save({ sku: 'B', type_id: 'gift' }))
      .thenThrows('VALIDATION_FAILED');
    expect(error.message).toBe(
      '"sku" can not be changed from "A" to "B". "type_id" must be one of ' +
        'simple, virtual, downloadable, configurable, bundle, grouped.',
    );
  });
});
