import { Controller } from '@nestjs/common';
import { TOPICS } from '@inventory/contracts';
import { InboundMessage, KafkaHandler, streamVersionOf } from '@inventory/messaging';
import { CatalogStore } from './catalog.store';
import {
  LinksEventDto,
  SourceEventDto,
  SourceItemEventDto,
  StockDeletedDto,
  StockSavedDto,
} from './catalog-events.dto';

const SOURCE_ITEM_TYPES = [
  'source_item_saved',
  'source_item_adjusted',
  'source_item_deducted',
  'source_item_deduction_reverted',
  'source_item_restocked',
  'source_item_transferred_out',
  'source_item_transferred_in',
  'source_item_unassigned',
  'low_stock_threshold_set',
];

/** Sources, the stock registry (links, channels) and source items, into this service's tables. */
@Controller()
export class CatalogEventsController {
  constructor(private readonly catalog: CatalogStore) {}

  @KafkaHandler(TOPICS.sources.name, {
    types: { source_created: SourceEventDto, source_updated: SourceEventDto },
    unknownTypes: 'ignore',
  })
  async source(message: InboundMessage<SourceEventDto>): Promise<void> {
    await this.catalog.saveSource(message.payload.source, streamVersionOf(message));
  }

  @KafkaHandler(TOPICS.stocks.name, {
    types: {
      stock_created: StockSavedDto,
      stock_updated: StockSavedDto,
      stock_deleted: StockDeletedDto,
      stock_source_links_saved: LinksEventDto,
      stock_source_links_deleted: LinksEventDto,
    },
    unknownTypes: 'ignore',
  })
  async stock(
    message: InboundMessage<StockSavedDto | StockDeletedDto | LinksEventDto>,
  ): Promise<void> {
    const version = streamVersionOf(message);
    const p = message.payload;
    switch (message.eventType) {
      case 'stock_source_links_saved':
      case 'stock_source_links_deleted':
        return this.catalog.saveLinks(
          (p as LinksEventDto).links,
          message.eventType === 'stock_source_links_deleted',
          version,
        );
      case 'stock_deleted':
        return this.catalog.saveChannels((p as StockDeletedDto).stock_id, null, version);
      default: {
        const { stock } = p as StockSavedDto;
        return this.catalog.saveChannels(
          stock.stock_id,
          stock.extension_attributes.sales_channels,
          version,
        );
      }
    }
  }

  @KafkaHandler(TOPICS.sourceItems.name, {
    types: Object.fromEntries(SOURCE_ITEM_TYPES.map((t) => [t, SourceItemEventDto])),
  })
  async sourceItem(message: InboundMessage<SourceItemEventDto>): Promise<void> {
    await this.catalog.saveItem(
      message.payload,
      message.eventType === 'source_item_unassigned',
      streamVersionOf(message),
    );
  }
}
