import { Controller } from '@nestjs/common';
import { TOPICS } from '@inventory/contracts';
import { InboundMessage, KafkaHandler } from '@inventory/messaging';
import {
  DeductionAppliedDto,
  DeductionOutcomeDto,
  OrderReservedDto,
  ShipmentDispatchedDto,
  ShipmentFailedDto,
  ShipmentRequestedDto,
} from './shipping-events.dto';
import { ShippingApp } from './shipping.app';

/**
 * The inputs of the shipping process. Every effect is idempotent (commands carry keys derived
 * from the input's ids), so redeliveries change nothing; malformed messages are dead-lettered
 * with the reason.
 */
@Controller()
export class ShippingEventsController {
  constructor(private readonly shipping: ShippingApp) {}

  @KafkaHandler(TOPICS.orderOutcomes.name, {
    types: { order_inventory_reserved: OrderReservedDto },
    unknownTypes: 'ignore',
    keyConcurrency: 32,
  })
  async reserved(message: InboundMessage<OrderReservedDto>): Promise<void> {
    await this.shipping.reserved(message.payload);
  }

  @KafkaHandler(TOPICS.orders.name, {
    types: { shipment_requested: ShipmentRequestedDto },
    unknownTypes: 'ignore',
  })
  async requested(message: InboundMessage<ShipmentRequestedDto>): Promise<void> {
    const { order, event_id } = message.payload;
    await this.shipping.requested(order.id, order.source_code, order.items, event_id);
  }

  @KafkaHandler(TOPICS.shipmentEvents.name, {
    types: { shipment_dispatched: ShipmentDispatchedDto, shipment_failed: ShipmentFailedDto },
  })
  async report(message: InboundMessage<ShipmentDispatchedDto | ShipmentFailedDto>): Promise<void> {
    if (message.eventType === 'shipment_dispatched')
      await this.shipping.dispatched(message.payload as ShipmentDispatchedDto);
    else {
      const failed = message.payload as ShipmentFailedDto;
      await this.shipping.failed(failed.shipment_request_id, failed.reason);
    }
  }

  @KafkaHandler(TOPICS.sourceDeductions.name, {
    types: {
      source_deduction_completed: DeductionOutcomeDto,
      source_deduction_rejected: DeductionOutcomeDto,
    },
  })
  async deduction(message: InboundMessage<DeductionOutcomeDto>): Promise<void> {
    const completed = message.eventType === 'source_deduction_completed';
    await this.shipping.deductionOutcome(
      message.payload.shipment_id,
      completed ? 'completed' : 'rejected',
      message.payload.message ?? null,
    );
  }

  @KafkaHandler(TOPICS.stockLevels.name, {
    types: { source_deduction_applied: DeductionAppliedDto },
    unknownTypes: 'ignore',
  })
  async applied(message: InboundMessage<DeductionAppliedDto>): Promise<void> {
    await this.shipping.deductionApplied(message.payload.shipment_id, message.payload.sku);
  }
}
