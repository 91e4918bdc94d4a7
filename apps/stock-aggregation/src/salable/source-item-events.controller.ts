import { Controller } from '@nestjs/common';
import { TOPICS } from '@inventory/contracts';
import { InboundMessage, KafkaHandler, streamVersionOf } from '@inventory/messaging';
import { SalableProjector } from './salable-projector';
import { SOURCE_ITEM_EVENT_TYPES, type SourceItemEventDto } from './source-item-event.dto';
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
  ) {}

  @KafkaHandler(TOPICS.sourceItems.name, { types: SOURCE_ITEM_EVENT_TYPES })
  async handle(message: InboundMessage<SourceItemEventDto>): Promise<void> {
    const version = streamVersionOf(message);
    const p = message.payload;
    await this.projector.inTransaction(async (client) => {
      await this.items.apply(client, sourceItemStateOf(message.eventType, p), version);
      await this.projector.sourceItemChanged(client, p.source_code, p.sku);
    });
  }
}
