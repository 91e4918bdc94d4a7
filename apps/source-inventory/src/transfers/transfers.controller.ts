import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { RequestHeaders } from '@inventory/service-kit';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { msiNotFound } from '@inventory/msi-api';
import { actorFrom } from '../common/request-context';
import { SourceItemsApp } from '../source-items/source-items.app';
import {
  BulkTransferRequest,
  CreateStagedTransferRequest,
  PartialTransferRequest,
} from './transfers.dto';
import { TransfersApp } from './transfers.app';

type Headers = Record<string, string>;

@ApiTags('transfers')
@Controller('V1/inventory')
export class TransfersController {
  constructor(
    private readonly app: TransfersApp,
    private readonly items: SourceItemsApp,
  ) {}

  @Post('bulk-partial-source-transfer')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Move given quantities from one source to another (all lines or none). Idempotency-Key header makes retries safe.',
  })
  async partial(@Body() body: PartialTransferRequest, @RequestHeaders() headers: Headers) {
    return this.app.transferNow(
      {
        transfer_id: headers['idempotency-key'],
        origin_source_code: body.originSourceCode,
        destination_source_code: body.destinationSourceCode,
        items: body.items,
      },
      'partial',
      actorFrom(headers),
    );
  }

  @Post('bulk-product-source-transfer')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Move all quantity of SKUs from one source to another, optionally unassigning the origin',
  })
  async bulk(@Body() body: BulkTransferRequest, @RequestHeaders() headers: Headers) {
    const actor = actorFrom(headers);
    const transfer = await this.app.transferNow(
      {
        transfer_id: headers['idempotency-key'],
        origin_source_code: body.originSource,
        destination_source_code: body.destinationSource,
        items: body.skus.map((sku) => ({ sku, qty: 'all' as const })),
      },
      'bulk',
      actor,
    );
    if (body.unassignFromOrigin) {
      const keys = body.skus.map((sku) => ({ source_code: body.originSource, sku }));
      const states = await Promise.all(keys.map((k) => this.items.state(k)));
      const assigned = keys.filter((_, i) => states[i].exists);
      if (assigned.length) await this.items.unassign(assigned, actor);
    }
    return transfer;
  }

  @Post('source-transfers')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Create a staged transfer (dispatch and receive it later; cancel before dispatch)',
  })
  create(@Body() body: CreateStagedTransferRequest, @RequestHeaders() headers: Headers) {
    return this.app.create(body.transfer, 'staged', actorFrom(headers));
  }

  @Get('source-transfers/:id')
  async get(@Param('id') id: string) {
    const transfer = await this.app.get(id);
    if (!transfer)
      throw msiNotFound('Transfer "%transfer_id" does not exist.', { transfer_id: id });
    return transfer;
  }

  @Post('source-transfers/:id/dispatch')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Take the quantities out of the origin (all lines or none); they are in transit',
  })
  dispatch(@Param('id') id: string, @RequestHeaders() headers: Headers) {
    return this.app.dispatch(id, actorFrom(headers));
  }

  @Post('source-transfers/:id/receive')
  @HttpCode(200)
  @ApiOperation({ summary: 'Add the transferred quantities to the destination' })
  receive(@Param('id') id: string, @RequestHeaders() headers: Headers) {
    return this.app.receive(id, actorFrom(headers));
  }

  @Post('source-transfers/:id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel a transfer that has not been dispatched' })
  cancel(@Param('id') id: string, @RequestHeaders() headers: Headers) {
    return this.app.cancel(id, actorFrom(headers));
  }
}
