import { Controller } from '@nestjs/common';
import { TOPICS } from '@inventory/contracts';
import { InboundMessage, KafkaHandler, streamVersionOf } from '@inventory/messaging';
import { ChannelDirectory } from './channel-directory';
import { StockDeletedDto, StockSavedDto } from './stock-event.dto';

/** Sales channel → stock, from stock-aggregation's registry events (links are not needed here). */
@Controller()
export class StockEventsController {
  constructor(private readonly channels: ChannelDirectory) {}

  @KafkaHandler(TOPICS.stocks.name, {
    types: {
      stock_created: StockSavedDto,
      stock_updated: StockSavedDto,
      stock_deleted: StockDeletedDto,
    },
    unknownTypes: 'ignore',
  })
  async handle(message: InboundMessage<StockSavedDto | StockDeletedDto>): Promise<void> {
    const version = streamVersionOf(message);
    if (message.eventType === 'stock_deleted') {
      await this.channels.stockDeleted((message.payload as StockDeletedDto).stock_id, version);
    } else {
      await this.channels.stockSaved((message.payload as StockSavedDto).stock, version);
    }
  }
}
