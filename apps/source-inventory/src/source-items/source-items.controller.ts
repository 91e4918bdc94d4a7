import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { RawQuery, RequestHeaders } from '@inventory/service-kit';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { actorFrom } from '../common/request-context';
import { toUnits } from '../domain';
import { SourceItemsApp } from './source-items.app';
import {
  AdjustSourceItemsRequest,
  BulkAssignRequest,
  DeleteSourceItemsRequest,
  SaveSourceItemsRequest,
} from './source-items.dto';
import { SourceItemsQuery } from './source-items.query';

type Headers = Record<string, string>;

@ApiTags('source items')
@Controller('V1/inventory')
export class SourceItemsController {
  constructor(
    private readonly app: SourceItemsApp,
    private readonly query: SourceItemsQuery,
  ) {}

  @Get('source-items')
  @ApiOperation({ summary: 'Search source items (MSI searchCriteria)' })
  list(@RawQuery() query: unknown) {
    return this.query.search(query);
  }

  @Post('source-items')
  @HttpCode(200)
  @ApiOperation({ summary: 'Save source items: set quantity and status (upsert; all or none)' })
  async save(
    @Body() body: SaveSourceItemsRequest,
    @RequestHeaders() headers: Headers,
  ): Promise<boolean> {
    await this.app.save(body.sourceItems, actorFrom(headers));
    return true;
  }

  @Post('source-items-delete')
  @HttpCode(200)
  @ApiOperation({ summary: 'Unassign source items from their sources' })
  async delete(
    @Body() body: DeleteSourceItemsRequest,
    @RequestHeaders() headers: Headers,
  ): Promise<boolean> {
    await this.app.unassign(body.sourceItems, actorFrom(headers));
    return true;
  }

  @Get('source-items/:sourceCode/:sku/history')
  @ApiOperation({
    summary: 'Every change of one source item, newest first, with who, why and when',
  })
  history(@Param('sourceCode') sourceCode: string, @Param('sku') sku: string) {
    return this.app.history({ source_code: sourceCode, sku });
  }

  @Post('source-item-adjustments')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Adjust quantities by a delta with a reason (received, cycle_count, damaged, shrinkage, returned, correction, other)',
    description: 'Send an Idempotency-Key header to make a retry safe.',
  })
  async adjust(@Body() body: AdjustSourceItemsRequest, @RequestHeaders() headers: Headers) {
    const states = await this.app.adjust(
      body.adjustments,
      actorFrom(headers),
      headers['idempotency-key'],
    );
    return body.adjustments.map((a, i) => ({
      source_code: a.source_code,
      sku: a.sku,
      quantity: toUnits(states[i].quantity),
    }));
  }

  @Post('bulk-product-source-assign')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Assign SKUs to sources (quantity 0, out of stock; existing items unchanged)',
  })
  assign(@Body() body: BulkAssignRequest, @RequestHeaders() headers: Headers): Promise<number> {
    return this.app.assign(body.skus, body.sourceCodes, actorFrom(headers));
  }

  @Post('bulk-product-source-unassign')
  @HttpCode(200)
  @ApiOperation({ summary: 'Unassign SKUs from sources' })
  async unassign(
    @Body() body: BulkAssignRequest,
    @RequestHeaders() headers: Headers,
  ): Promise<number> {
    const keys = body.sourceCodes.flatMap((source_code) =>
      body.skus.map((sku) => ({ source_code, sku })),
    );
    const states = await Promise.all(keys.map((k) => this.app.state(k)));
    const assigned = keys.filter((_, i) => states[i].exists);
    if (assigned.length) await this.app.unassign(assigned, actorFrom(headers));
    return assigned.length;
  }
}
