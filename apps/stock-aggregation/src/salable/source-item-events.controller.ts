import { Controller } from '@nestjs/common';
import { TOPICS } from '@inventory/contracts';
import { eventIdFor } from '@inventory/decider';
import {
  InboundMessage,
  KafkaHandler,
  KafkaPublisher,
  streamVersionOf,
} from '@inventory/messaging';
import { SalableProjector } from './salable-projector';
import {
  SOURCE_ITEM_EVENT_TYPES,
  type SourceItemDeductedDto,
  type SourceItemEventDto,
} from './source-item-event.dto';
import { SourceItemsStore, sourceItemStateOf } from './source-items.store';

/**
 * Source items into `sa_source_items`, then the salable read model of every stock linked to
 * the item's source. The row and the recompute share one transaction: if the recompute fails,
 * the row rolls back and the retry (or redelivery) does both again. A redelivered or older
 * event changes no row, but the pair is recomputed anyway (cheap, and harmless).
 */
@Controller()
export class SourceItemEventsController {
  constructor(
    private readonly items: SourceItemsStore,
    private readonly projector: SalableProjector,
    private readonly publisher: KafkaPublisher,
  ) {}

  @KafkaHandler(TOPICS.sourceItems.name, { types: SOURCE_ITEM_EVENT_TYPES })
  async handle(message: InboundMessage<SourceItemEventDto>): Promise<void> {
    const version = streamVersionOf(message);
    const p = message.payload;
    await this.projector.inTransaction(async (client) => {
      await this.items.apply(client, sourceItemStateOf(message.eventType, p), version);
      await this.projector.sourceItemChanged(client, p.source_code, p.sku);
    });
    if (message.eventType === 'source_item_deducted') await this.acknowledge(message);
  }

  /**
   * Tells shipment matching that a shipment's deduction is now in every stock level (the
   * recompute above has written Redis): only then is the order's reservation released, so the
   * salable quantity never rises above the truth. Sent before the offset is committed, so at
   * least once; the receiver counts each (shipment, SKU) once.
   */
  private async acknowledge(message: InboundMessage<SourceItemEventDto>): Promise<void> {
    const { shipment_id, source_code, sku } = message.payload as SourceItemDeductedDto;
    const eventId = eventIdFor(`deduction-applied:${message.eventId}`, 0);
    await this.publisher.publish(TOPICS.stockLevels.name, [
      {
        key: shipment_id,
        eventId,
        eventType: 'source_deduction_applied',
        causationId: message.eventId,
        value: {
          event_id: eventId,
          type: 'source_deduction_applied',
          occurred_at: new Date().toISOString(),
          shipment_id,
          source_code,
          sku,
        },
      },
    ]);
  }
}
