import { Injectable } from '@nestjs/common';
import type { Actor } from '@inventory/contracts';
import { CommandBus } from '@inventory/service-kit';
import {
  DEFAULT_INVENTORY_CONFIGURATION,
  defaultStockItem,
  inventoryConfigurationDecider,
  inventoryConfigurationStream,
  stockItemDecider,
  stockItemStream,
  type ConfigInput,
  type InventoryConfiguration,
  type StockItemConfiguration,
} from '../domain';
import { now } from '../common/request-context';
import { SalableProjector } from '../salable/salable-projector';

/** Global defaults (one stream) and per-SKU stock items (a stream per SKU). */
@Injectable()
export class ProductConfigApp {
  constructor(
    private readonly bus: CommandBus,
    private readonly projector: SalableProjector,
  ) {}

  async configuration(): Promise<InventoryConfiguration> {
    const { state } = await this.bus.load(
      inventoryConfigurationStream(),
      inventoryConfigurationDecider,
    );
    return state ?? DEFAULT_INVENTORY_CONFIGURATION;
  }

  async saveConfiguration(
    input: ConfigInput<InventoryConfiguration>,
    actor: Actor,
  ): Promise<InventoryConfiguration> {
    const { state } = await this.bus.run(
      inventoryConfigurationStream(),
      { type: 'save_inventory_configuration', configuration: input, actor, occurred_at: now() },
      inventoryConfigurationDecider,
    );
    await this.projector.globalConfigChanged();
    return state ?? DEFAULT_INVENTORY_CONFIGURATION;
  }

  /** A SKU never configured reads as a simple product on the global defaults. */
  async stockItem(sku: string): Promise<StockItemConfiguration> {
    const { state } = await this.bus.load(stockItemStream(sku), stockItemDecider);
    return state ?? defaultStockItem(sku);
  }

  async saveStockItem(
    sku: string,
    input: ConfigInput<StockItemConfiguration>,
    actor: Actor,
  ): Promise<StockItemConfiguration> {
    const { state } = await this.bus.run(
      stockItemStream(sku),
      { type: 'save_stock_item', sku, stock_item: input, actor, occurred_at: now() },
      stockItemDecider,
    );
    await this.projector.skuConfigChanged(sku);
    return state ?? defaultStockItem(sku);
  }
}
