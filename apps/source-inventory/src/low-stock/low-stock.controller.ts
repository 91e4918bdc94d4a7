import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { RawQuery, RequestHeaders } from '@inventory/service-kit';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { msiNotFound } from '@inventory/msi-api';
import { SERVICE_CONFIG } from '@inventory/service-kit';
import { actorFrom } from '../common/request-context';
import { SourceInventoryConfig } from '../config';
import { SourceItemsApp } from '../source-items/source-items.app';
import {
  DeleteSourceItemsRequest,
  SaveLowQuantityConfigsRequest,
} from '../source-items/source-items.dto';
import { SourceItemsQuery } from '../source-items/source-items.query';

type Headers = Record<string, string>;

@ApiTags('low stock')
@Controller('V1/inventory')
export class LowStockController {
  constructor(
    private readonly app: SourceItemsApp,
    private readonly query: SourceItemsQuery,
    @Inject(SERVICE_CONFIG) private readonly config: SourceInventoryConfig,
  ) {}

  @Get('low-quantity-notification/:sourceCode/:sku')
  @ApiOperation({ summary: "A source item's notify-below quantity (null: the global default)" })
  async get(@Param('sourceCode') sourceCode: string, @Param('sku') sku: string) {
    const config = await this.query.lowQuantityConfig(sourceCode, sku);
    if (!config)
      throw msiNotFound('The source item of SKU "%sku" at source "%source_code" does not exist.', {
        sku,
        source_code: sourceCode,
      });
    return config;
  }

  @Post('low-quantity-notification')
  @HttpCode(200)
  @ApiOperation({ summary: 'Set notify-below quantities of source items' })
  async save(
    @Body() body: SaveLowQuantityConfigsRequest,
    @RequestHeaders() headers: Headers,
  ): Promise<boolean> {
    await this.app.setLowStockThresholds(
      body.sourceItemConfigurations.map((c) => ({
        ...c,
        notify_stock_qty: c.notify_stock_qty ?? null,
      })),
      actorFrom(headers),
    );
    return true;
  }

  @Post('low-quantity-notifications-delete')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reset notify-below quantities to the global default' })
  async delete(
    @Body() body: DeleteSourceItemsRequest,
    @RequestHeaders() headers: Headers,
  ): Promise<boolean> {
    await this.app.setLowStockThresholds(
      body.sourceItems.map((k) => ({ ...k, notify_stock_qty: null })),
      actorFrom(headers),
    );
    return true;
  }

  @Get('low-quantity-report')
  @ApiOperation({
    summary:
      'Source items below their notify quantity in enabled sources, lowest first (searchCriteria)',
  })
  report(@RawQuery() query: unknown) {
    return this.query.lowStock(query, this.config.LOW_STOCK_DEFAULT_NOTIFY_QTY);
  }
}
