import { Controller } from '@nestjs/common';
import { TOPICS } from '@inventory/contracts';
import {
  InboundMessage,
  KafkaHandler,
  PermanentMessageError,
  RELAY_HEADERS,
} from '@inventory/messaging';
import { KnownSources } from './known-sources';
import { SourceEventDto } from './source-event.dto';

/** Keeps `sa_sources` in step with source-inventory's sources. */
@Controller()
export class SourceEventsController {
  constructor(private readonly sources: KnownSources) {}

  @KafkaHandler(TOPICS.sources.name, {
    types: { source_created: SourceEventDto, source_updated: SourceEventDto },
    unknownTypes: 'ignore',
  })
  async handle(message: InboundMessage<SourceEventDto>): Promise<void> {
    const version = Number(message.headers[RELAY_HEADERS.streamVersion]);
    if (!Number.isSafeInteger(version) || version < 0) {
      // Without the stream version a late older event could overwrite a newer source.
      throw new PermanentMessageError('missing or invalid stream-version header');
    }
    await this.sources.upsert(message.payload.source, version);
  }
}
