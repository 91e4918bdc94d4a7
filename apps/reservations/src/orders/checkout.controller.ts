import { Body, Controller, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { OrderOutcome } from '../domain';
import { CheckoutRequest } from './order.dto';
import { OrderProcess, toLines } from './order-process';

@ApiTags('checkout')
@Controller('V1/inventory/checkout')
export class CheckoutController {
  constructor(private readonly orders: OrderProcess) {}

  @Post('reservations')
  @ApiOperation({
    summary:
      'Reserve an order before taking payment: all lines or none. Idempotent on order id: a retry returns the first outcome.',
  })
  @ApiResponse({ status: 201, description: 'order_inventory_reserved' })
  @ApiResponse({ status: 409, description: 'order_inventory_rejected, with MSI error codes' })
  async reserve(
    @Body() body: CheckoutRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<OrderOutcome> {
    const { order } = body;
    const outcome = await this.orders.place({
      id: order.id,
      increment_id: order.increment_id,
      sales_channel: order.sales_channel,
      items: toLines(order.items),
      hold_id: order.hold_id,
      shipping_address: order.shipping_address,
    });
    void reply.status(outcome.type === 'order_inventory_reserved' ? 201 : 409);
    return outcome;
  }
}
