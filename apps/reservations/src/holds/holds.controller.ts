import { Body, Controller, Delete, Get, Param, Post, Put, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { toLines } from '../orders/order-process';
import { ExtendHoldRequest, PlaceHoldRequest } from './hold.dto';
import { HoldsApp, type HoldAnswer } from './holds.app';

/** Answers a hold operation: the hold, or 404/409 with `{hold_id, errors}`. */
function answer(result: HoldAnswer, reply: FastifyReply, okStatus: number): unknown {
  if (result.ok) {
    void reply.status(okStatus);
    return result.hold;
  }
  void reply.status(result.status);
  return { hold_id: result.hold_id, errors: result.errors };
}

@ApiTags('holds')
@Controller('V1/inventory/holds')
export class HoldsController {
  constructor(private readonly holds: HoldsApp) {}

  @Post()
  @ApiOperation({
    summary:
      'Hold cart quantities for ttl_seconds (all lines or none); 201 with the hold, 409 with MSI errors',
  })
  async place(
    @Body() body: PlaceHoldRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<unknown> {
    const result = await this.holds.place({
      hold_id: body.hold_id,
      sales_channel: body.sales_channel,
      items: toLines(body.items),
      ttl_seconds: body.ttl_seconds,
    });
    return answer(result, reply, 201);
  }

  @Get(':holdId')
  @ApiOperation({ summary: 'A hold and its status' })
  async get(@Param('holdId') holdId: string, @Res({ passthrough: true }) reply: FastifyReply) {
    return answer(await this.holds.get(holdId), reply, 200);
  }

  @Put(':holdId')
  @ApiOperation({ summary: 'Extend an active hold: it now expires ttl_seconds from now' })
  async extend(
    @Param('holdId') holdId: string,
    @Body() body: ExtendHoldRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<unknown> {
    return answer(await this.holds.extend(holdId, body.ttl_seconds), reply, 200);
  }

  @Delete(':holdId')
  @ApiOperation({ summary: 'Release a hold' })
  async release(
    @Param('holdId') holdId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<unknown> {
    return answer(await this.holds.release(holdId), reply, 200);
  }
}
