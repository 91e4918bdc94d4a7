import { Controller } from '@nestjs/common';
import { TOPICS } from '@inventory/contracts';
import { InboundMessage, KafkaHandler } from '@inventory/messaging';
import { CreditmemoCreatedEventDto, OrderCanceledEventDto, OrderPlacedEventDto } from './order.dto';
import { OrderProcess, toLines } from './order-process';

type OrderEvent = OrderPlacedEventDto | OrderCanceledEventDto | CreditmemoCreatedEventDto;

/**
 * commerce.orders.v1 (keyed by order id, so one order's events arrive in order). Malformed
 * messages and unknown types go to the dead-letter topic with the reason. Every effect is
 * idempotent (the outcome stream, per-event release ids), so redeliveries change nothing.
 */
@Controller()
export class OrderEventsController {
  constructor(private readonly orders: OrderProcess) {}

  @KafkaHandler(TOPICS.orders.name, {
    types: {
      order_placed: OrderPlacedEventDto,
      order_canceled: OrderCanceledEventDto,
      creditmemo_created: CreditmemoCreatedEventDto,
    },
    // Commerce platforms that plan shipments themselves send it here for shipment-matching.
    ignoredTypes: ['shipment_requested'],
    // Orders are independent of each other; one order's events stay in order (same key).
    keyConcurrency: 64,
  })
  async handle(message: InboundMessage<OrderEvent>): Promise<void> {
    const event = message.payload;
    switch (event.type) {
      case 'order_placed': {
        const { order } = event;
        await this.orders.place({
          id: order.id,
          increment_id: order.increment_id,
          sales_channel: order.sales_channel,
          items: toLines(order.items),
          hold_id: order.hold_id,
          shipping_address: order.shipping_address,
        });
        return;
      }
      case 'order_canceled':
        await this.orders.cancel(event.order.id, event.order.items, event.event_id);
        return;
      case 'creditmemo_created':
        // Refunded quantities still reserved (not shipped) are released whatever back_to_stock
        // says; returning shipped quantities to sources is the shipment flow's restock.
        await this.orders.creditmemo(event.order.id, event.order.creditmemo_id, event.order.items);
        return;
    }
  }
}
