import type { RecordedEvent } from '@inventory/event-store';
import { TOPICS } from '@inventory/contracts';
import type { EventPipelineOptions } from '@inventory/service-kit';
import { STREAM_CATEGORIES } from './domain';

const field = (name: string) => (e: RecordedEvent) =>
  String((e.data as Record<string, unknown>)[name]);

/**
 * One stream per order; its events go to three topics by type (the rest stay inside):
 * commands to shipping systems keyed by source, deduction commands to source-inventory keyed
 * by shipment, and shipment outcomes for reservations and commerce keyed by order.
 */
export const shipmentMatchingPipeline: EventPipelineOptions = {
  relayRoutes: [
    {
      category: STREAM_CATEGORIES.order,
      types: ['ship_from_source'],
      topic: TOPICS.shipmentCommands.name,
      key: field('source_code'),
    },
    {
      category: STREAM_CATEGORIES.order,
      types: ['deduct_source_items'],
      topic: TOPICS.sourceCommands.name,
      key: field('shipment_id'),
    },
    {
      category: STREAM_CATEGORIES.order,
      types: ['shipment_created', 'order_unshippable', 'shipment_deduction_rejected'],
      topic: TOPICS.shipments.name,
      key: field('order_id'),
    },
  ],
};
