import type { RecordedEvent } from '@inventory/event-store';
import { TOPICS } from '@inventory/contracts';
import type { EventPipelineOptions } from '@inventory/service-kit';
import { STREAM_CATEGORIES } from './domain';
import { sourceItemsProjection } from './read-model/source-items.projection';
import { sourcesProjection } from './read-model/sources.projection';

const field = (name: string) => (e: RecordedEvent) =>
  String((e.data as Record<string, unknown>)[name]);

/**
 * What source-inventory publishes and projects. Source items are keyed by SKU so that stock
 * aggregation sees every change of one SKU, across sources, in order in one partition.
 */
export const sourceInventoryPipeline: EventPipelineOptions = {
  relayRoutes: [
    {
      category: STREAM_CATEGORIES.source,
      topic: TOPICS.sources.name,
      key: (e) => String((e.data as { source: { source_code: string } }).source.source_code),
    },
    { category: STREAM_CATEGORIES.sourceItem, topic: TOPICS.sourceItems.name, key: field('sku') },
    {
      category: STREAM_CATEGORIES.deduction,
      topic: TOPICS.sourceDeductions.name,
      key: field('shipment_id'),
    },
    {
      category: STREAM_CATEGORIES.transfer,
      topic: TOPICS.transfers.name,
      key: field('transfer_id'),
    },
  ],
  pgProjections: [sourcesProjection, sourceItemsProjection],
};
