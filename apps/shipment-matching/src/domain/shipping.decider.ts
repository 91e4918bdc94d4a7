import type { Decider } from '@inventory/decider';
import { eventIdFor } from '@inventory/decider';
import { conflict, notFound } from '@inventory/kernel';
import type { Destination } from '@inventory/source-selection';
import { initialShipping, evolveShipping, type ShippingState } from './shipping.state';
import type { Line, ShippingEvent } from './shipping.types';

/** Which sources ship what: one entry per source, or none when nothing covers the lines. */
export interface Plan {
  shipments: ReadonlyArray<{ source_code: string; items: Line[] }>;
  /** Nothing planned on purpose: the commerce platform sends `shipment_requested`. */
  manual?: boolean;
  /** When `shipments` is empty: why. */
  reason?: string;
}

/**
 * Commands of one order's shipping. Every one carries `key`, its idempotency key: the events'
 * ids (and the `event_id` of the messages they become) derive from it, so a redelivered input
 * appends nothing new.
 */
export type ShippingCommand =
  | {
      type: 'start';
      key: string;
      order_id: string;
      stock_id: number;
      lines: Line[];
      destination: Destination | null;
      algorithm: string;
      plan: Plan;
      at: string;
    }
  | {
      type: 'record_dispatch';
      key: string;
      shipment_id: string;
      shipment_request_id: string;
      source_code: string;
      items: Line[];
      at: string;
    }
  | {
      type: 'record_failure';
      key: string;
      shipment_request_id: string;
      reason: string;
      /** What the failed request had not shipped. */
      remaining: Line[];
      /** The re-plan of `remaining`, made without every source that failed for the order. */
      plan: Plan;
      at: string;
    }
  | {
      type: 'request_shipment';
      key: string;
      source_code: string;
      items: Line[];
      at: string;
    }
  | { type: 'complete_shipment'; key: string; shipment_id: string; at: string }
  | { type: 'reject_shipment'; key: string; shipment_id: string; message: string; at: string };

export const NOTHING_CAN_SHIP = 'No source linked to the stock can ship what is left of the order';

export function decideShipping(command: ShippingCommand, state: ShippingState): ShippingEvent[] {
  let index = 0;
  const stamp = () => ({ event_id: eventIdFor(command.key, index++), occurred_at: command.at });
  switch (command.type) {
    case 'start': {
      if (state.started) return [];
      const started = {
        ...stamp(),
        type: 'shipping_started' as const,
        order_id: command.order_id,
        stock_id: command.stock_id,
        lines: command.lines,
        destination_address: command.destination,
        algorithm: command.algorithm,
      };
      return [
        started,
        ...planEvents(command.plan, evolveShipping(state, started), stamp, command.lines),
      ];
    }
    case 'record_dispatch': {
      if (state.shipments.has(command.shipment_id)) return [];
      const request = state.requests.get(command.shipment_request_id);
      if (!request)
        throw notFound('SHIPMENT_REQUEST_NOT_FOUND', 'Shipment request "%id" is not known.', {
          id: command.shipment_request_id,
        });
      if (request.source_code !== command.source_code)
        throw conflict(
          'SOURCE_MISMATCH',
          'Shipment request "%id" was sent to source "%planned", not "%reported".',
          {
            id: command.shipment_request_id,
            planned: request.source_code,
            reported: command.source_code,
          },
        );
      const { shipment_id, shipment_request_id, source_code, items } = command;
      return [
        {
          ...stamp(),
          type: 'shipment_dispatched',
          shipment_id,
          shipment_request_id,
          source_code,
          items,
        },
        {
          event_id: stamp().event_id,
          type: 'deduct_source_items',
          shipment_id,
          source_code,
          items,
        },
      ];
    }
    case 'record_failure': {
      const request = state.requests.get(command.shipment_request_id);
      if (!request || request.status === 'failed') return [];
      const failed = {
        ...stamp(),
        type: 'shipment_request_failed' as const,
        shipment_request_id: command.shipment_request_id,
        source_code: request.source_code,
        reason: command.reason,
      };
      const after = evolveShipping(state, failed);
      return [failed, ...planEvents(command.plan, after, stamp, command.remaining)];
    }
    case 'request_shipment': {
      if (!state.started)
        throw conflict('ORDER_NOT_RESERVED', 'Order "%id" has no reservation to ship.', {
          id: state.order_id,
        });
      const { event_id, occurred_at } = stamp();
      return [
        {
          event_id,
          occurred_at,
          type: 'ship_from_source',
          shipment_request_id: `${state.order_id}:r${state.requests.size + 1}:${command.source_code}`,
          order_id: state.order_id,
          source_code: command.source_code,
          items: command.items,
          destination_address: state.destination,
        },
      ];
    }
    case 'complete_shipment':
    case 'reject_shipment': {
      const shipment = state.shipments.get(command.shipment_id);
      if (!shipment || shipment.status !== 'deducting') return [];
      if (command.type === 'reject_shipment')
        return [
          {
            ...stamp(),
            type: 'shipment_deduction_rejected',
            order_id: state.order_id,
            shipment_id: command.shipment_id,
            source_code: shipment.source_code,
            message: command.message,
          },
        ];
      return [
        {
          ...stamp(),
          type: 'shipment_created',
          order_id: state.order_id,
          stock_id: state.stock_id,
          shipment_id: command.shipment_id,
          shipment_request_id: shipment.shipment_request_id,
          source_code: shipment.source_code,
          items: [...shipment.items],
        },
      ];
    }
  }
}

/** One `ship_from_source` per planned source, or the order reported unshippable. */
function planEvents(
  plan: Plan,
  state: ShippingState,
  stamp: () => { event_id: string; occurred_at: string },
  lines: Line[],
): ShippingEvent[] {
  if (plan.shipments.length === 0) {
    if (lines.length === 0 || plan.manual) return [];
    return [
      {
        ...stamp(),
        type: 'order_unshippable',
        order_id: state.order_id,
        stock_id: state.stock_id,
        lines,
        reason: plan.reason ?? NOTHING_CAN_SHIP,
      },
    ];
  }
  return plan.shipments.map((s) => {
    const { event_id, occurred_at } = stamp();
    return {
      event_id,
      occurred_at,
      type: 'ship_from_source' as const,
      // Unique and stable: derived from the event that asks for it.
      shipment_request_id: `${state.order_id}:${state.plans}:${s.source_code}`,
      order_id: state.order_id,
      source_code: s.source_code,
      items: s.items,
      destination_address: state.destination,
    };
  });
}

/**
 * As stored: `data` is the whole message (with its `type`, `event_id` and `occurred_at`), which
 * the relay publishes as it is.
 */
export interface StoredShippingEvent {
  type: ShippingEvent['type'];
  data: ShippingEvent;
}

export const shippingDecider: Decider<ShippingCommand, StoredShippingEvent, ShippingState> = {
  decide: (command, state) =>
    decideShipping(command, state).map((data) => ({ type: data.type, data })),
  evolve: (state, event) => evolveShipping(state, event.data),
  initialState: initialShipping,
};
