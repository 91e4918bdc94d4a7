import { Controller } from '@nestjs/common';
import { TOPICS } from '@inventory/contracts';
import { InboundMessage, KafkaHandler, streamVersionOf } from '@inventory/messaging';
import { SalableProjector } from '../salable/salable-projector';
import { KnownSources } from './known-sources';
import { SourceEventDto } from './source-event.dto';

/**
 * Keeps `sa_sources` in step with source-inventory's sources, and the salable read model of
 * every SKU at a source whose row changed (enabled or disabled), in one transaction: a failed
 * recompute rolls the row back, so the retry does both again.
 */
@Controller()
export class SourceEventsController {
  constructor(
    private readonly sources: KnownSources,
    private readonly projector: SalableProjector,
  ) {}

  @KafkaHandler(TOPICS.sources.name, {
    types: { source_created: SourceEventDto, source_updated: SourceEventDto },
    unknownTypes: 'ignore',
  })
  async handle(message: InboundMessage<SourceEventDto>): Promise<void> {
    const version = streamVersionOf(message);
    const { source } = message.payload;
    await this.projector.inTransaction(async (client) => {
      const applied = await this.sources.upsert(source, version, client);
      if (applied) await this.projector.sourceChanged(client, source.source_code);
    });
  }
}
