import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequestHeaders } from '@inventory/service-kit';
import type { InventoryConfiguration, StockItemConfiguration } from '../domain';
import { actorFrom, type Headers } from '../common/request-context';
import { SaveConfigurationRequest, SaveStockItemRequest } from './product-config.dto';
import { ProductConfigApp } from './product-config.app';

/** Fields left out of a PUT keep their value (Magento's stock-item save). */
@ApiTags('product inventory configuration')
@Controller('V1/inventory')
export class ProductConfigController {
  constructor(private readonly app: ProductConfigApp) {}

  @Get('configuration')
  @ApiOperation({ summary: 'The global inventory defaults' })
  configuration(): Promise<InventoryConfiguration> {
    return this.app.configuration();
  }

  @Put('configuration')
  @ApiOperation({ summary: 'Change the global inventory defaults' })
  saveConfiguration(
    @Body() body: SaveConfigurationRequest,
    @RequestHeaders() headers: Headers,
  ): Promise<InventoryConfiguration> {
    return this.app.saveConfiguration(body.configuration, actorFrom(headers));
  }

  @Get('stock-items/:sku')
  @ApiOperation({ summary: "One SKU's inventory configuration (use_config_* flags included)" })
  stockItem(@Param('sku') sku: string): Promise<StockItemConfiguration> {
    return this.app.stockItem(sku);
  }

  @Put('stock-items/:sku')
  @ApiOperation({ summary: "Change one SKU's inventory configuration and product type" })
  saveStockItem(
    @Param('sku') sku: string,
    @Body() body: SaveStockItemRequest,
    @RequestHeaders() headers: Headers,
  ): Promise<StockItemConfiguration> {
    return this.app.saveStockItem(sku, body.stockItem, actorFrom(headers));
  }
}
