import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { listSourceSelectionAlgorithms, toSourceSelectionJson } from '@inventory/source-selection';
import { SelectionApp } from './selection.app';
import { SettingsApp } from './settings.app';
import { SelectionRequestDto, SettingsDto } from './selection.dto';

/** MSI's source selection API, and the per-stock default algorithm. */
@ApiTags('source selection')
@Controller('V1/inventory')
export class SelectionController {
  constructor(
    private readonly selection: SelectionApp,
    private readonly settings: SettingsApp,
  ) {}

  @Post('source-selection-algorithm-result')
  @HttpCode(200)
  @ApiOperation({ summary: 'Which sources ship what (MSI SourceSelectionServiceInterface)' })
  async result(@Body() body: SelectionRequestDto) {
    const { inventoryRequest: r, algorithmCode } = body;
    const result = await this.selection.select({
      stockId: r.stockId,
      items: r.items,
      destination: r.extension_attributes?.destination_address,
      algorithmCode,
    });
    return toSourceSelectionJson(result);
  }

  @Get('source-selection-algorithm-list')
  @ApiOperation({ summary: 'The source selection algorithms: code, title, description' })
  list() {
    return listSourceSelectionAlgorithms();
  }

  @Get('source-selection-algorithm-default/:stockId')
  @ApiOperation({
    summary: "The stock's default algorithm and whether orders are planned on reservation",
  })
  async getDefault(@Param('stockId', ParseIntPipe) stockId: number) {
    const s = await this.settings.of(stockId);
    return { stock_id: stockId, algorithm_code: s.algorithm_code, auto_plan: s.auto_plan };
  }

  @Put('source-selection-algorithm-default/:stockId')
  @ApiOperation({ summary: "Sets the stock's default algorithm" })
  async setDefault(@Param('stockId', ParseIntPipe) stockId: number, @Body() body: SettingsDto) {
    const s = await this.settings.save(stockId, {
      algorithm_code: body.algorithmCode,
      auto_plan: body.autoPlan ?? true,
    });
    return { stock_id: stockId, algorithm_code: s.algorithm_code, auto_plan: s.auto_plan };
  }
}
