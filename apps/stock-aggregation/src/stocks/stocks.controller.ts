import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { MagentoSearchResult } from '@inventory/msi-api';
import { RawQuery, RequestHeaders } from '@inventory/service-kit';
import type { StockData } from '../domain';
import { actorFrom, stockIdParam, type Headers } from '../common/request-context';
import { SaveStockRequest } from './stock.dto';
import { StocksApp } from './stocks.app';

@ApiTags('stocks')
@Controller('V1/inventory/stocks')
export class StocksController {
  constructor(private readonly app: StocksApp) {}

  @Get()
  @ApiOperation({ summary: 'Search stocks (MSI searchCriteria)' })
  list(@RawQuery() query: unknown): Promise<MagentoSearchResult<StockData>> {
    return this.app.search(query);
  }

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'Save a stock (MSI save); returns its stock_id' })
  save(@Body() body: SaveStockRequest, @RequestHeaders() headers: Headers): Promise<number> {
    return this.app.save(body.stock, actorFrom(headers));
  }

  @Get(':stockId')
  @ApiOperation({ summary: 'Get one stock' })
  get(@Param('stockId') stockId: string): Promise<StockData> {
    return this.app.get(stockIdParam(stockId));
  }

  @Put(':stockId')
  @ApiOperation({ summary: 'Update a stock; channels it lists move to it, dropped ones fall back' })
  update(
    @Param('stockId') stockId: string,
    @Body() body: SaveStockRequest,
    @RequestHeaders() headers: Headers,
  ): Promise<number> {
    return this.app.update(stockIdParam(stockId), body.stock, actorFrom(headers));
  }

  @Delete(':stockId')
  @ApiOperation({ summary: 'Delete a stock without sales channels (not the default stock)' })
  async delete(
    @Param('stockId') stockId: string,
    @RequestHeaders() headers: Headers,
  ): Promise<boolean> {
    await this.app.delete(stockIdParam(stockId), actorFrom(headers));
    return true;
  }
}
