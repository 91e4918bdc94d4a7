import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { msiNotFound } from '@inventory/msi-api';
import type { StockData } from '../domain';
import { StockRegistry } from './stock-registry';

@ApiTags('stocks')
@Controller('V1/inventory/stock-resolver')
export class StockResolverController {
  constructor(private readonly registry: StockRegistry) {}

  @Get(':type/:code')
  @ApiOperation({ summary: 'The stock a sales channel belongs to' })
  async resolve(@Param('type') type: string, @Param('code') code: string): Promise<StockData> {
    const stock = await this.registry.stockOfChannel(type, code);
    if (!stock) throw msiNotFound('No linked stock found');
    return stock;
  }
}
