import { TOPICS } from '@inventory/contracts';
import type { EventPipelineOptions } from '@inventory/service-kit';
import { STREAM_CATEGORIES } from './domain';
import { reservationsProjection } from './read-model/reservations.projection';

/**
 * Ledger events on inventory.reservations.v1 keyed `<stock_id>:<sku>`; each order's one outcome
 * on inventory.order-outcomes.v1 keyed by order id. Order-life and hold streams stay inside.
 */
export const reservationsPipeline: EventPipelineOptions = {
  relayRoutes: [
    {
      category: STREAM_CATEGORIES.ledger,
      topic: TOPICS.reservations.name,
      key: (e) => {
        const d = e.data as { stock_id: number; sku: string };
        return `${d.stock_id}:${d.sku}`;
      },
    },
    {
      category: STREAM_CATEGORIES.outcome,
      topic: TOPICS.orderOutcomes.name,
      key: (e) => String((e.data as { order_id: string }).order_id),
    },
  ],
  projections: [reservationsProjection],
};
