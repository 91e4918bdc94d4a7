import type { RecordedEvent } from '@inventory/event-store';
import { TOPICS } from '@inventory/contracts';
import type { EventPipelineOptions } from '@inventory/service-kit';
import { STREAM_CATEGORIES, type StockEvent } from './domain';

/**
 * Registry events are keyed by stock id, so one stock's history stays in one partition. A link
 * event naming several stocks is keyed by the lowest of them: its links of the other stocks
 * are then ordered only by the registry stream's `stream-version` header, which consumers that
 * need a total order across stocks should compare (every registry event carries it).
 */
export function stockEventKey(e: RecordedEvent): string {
  const event = { type: e.type, data: e.data } as StockEvent;
  switch (event.type) {
    case 'stock_created':
    case 'stock_updated':
      return String(event.data.stock.stock_id);
    case 'stock_deleted':
      return String(event.data.stock_id);
    case 'stock_source_links_saved':
    case 'stock_source_links_deleted':
      return String(Math.min(...event.data.links.map((l) => l.stock_id)));
    default:
      return e.streamName;
  }
}

/** Per-SKU configuration is keyed by SKU, the global defaults by `global`. */
export const stockAggregationPipeline: EventPipelineOptions = {
  relayRoutes: [
    { category: STREAM_CATEGORIES.stockRegistry, topic: TOPICS.stocks.name, key: stockEventKey },
    {
      category: STREAM_CATEGORIES.inventoryConfiguration,
      topic: TOPICS.productConfig.name,
      key: () => 'global',
    },
    {
      category: STREAM_CATEGORIES.stockItem,
      topic: TOPICS.productConfig.name,
      key: (e) => String((e.data as { stock_item: { sku: string } }).stock_item.sku),
    },
  ],
};
