import {
  addQuantities,
  parseQuantity,
  subtractQuantities,
  toUnits,
  ZERO_QUANTITY,
  type Quantity,
} from '@inventory/kernel';
import type { Destination } from '@inventory/source-selection';
import type { Line, ShippingEvent } from './shipping.types';

export interface RequestState {
  source_code: string;
  items: readonly Line[];
  /** Dispatched so far under this request, per SKU. */
  shipped: ReadonlyMap<string, Quantity>;
  status: 'open' | 'failed';
}

export interface ShipmentState {
  shipment_request_id: string;
  source_code: string;
  items: readonly Line[];
  status: 'deducting' | 'created' | 'rejected';
}

/** One order's shipping, folded from its `shiporder-<order_id>` stream. */
export interface ShippingState {
  started: boolean;
  order_id: string;
  stock_id: number;
  lines: readonly Line[];
  destination: Destination | null;
  algorithm: string;
  /** Plans made so far (the first, then one per re-plan). */
  plans: number;
  requests: ReadonlyMap<string, RequestState>;
  shipments: ReadonlyMap<string, ShipmentState>;
  failedSources: ReadonlySet<string>;
  unshippable: boolean;
}

export const initialShipping: ShippingState = {
  started: false,
  order_id: '',
  stock_id: 0,
  lines: [],
  destination: null,
  algorithm: '',
  plans: 0,
  requests: new Map(),
  shipments: new Map(),
  failedSources: new Set(),
  unshippable: false,
};

export function evolveShipping(state: ShippingState, event: ShippingEvent): ShippingState {
  switch (event.type) {
    case 'shipping_started':
      return {
        ...state,
        started: true,
        order_id: event.order_id,
        stock_id: event.stock_id,
        lines: event.lines,
        destination: event.destination_address,
        algorithm: event.algorithm,
        plans: 1,
      };
    case 'ship_from_source': {
      const requests = new Map(state.requests);
      requests.set(event.shipment_request_id, {
        source_code: event.source_code,
        items: event.items,
        shipped: new Map(),
        status: 'open',
      });
      return { ...state, requests };
    }
    case 'shipment_dispatched': {
      const requests = new Map(state.requests);
      const request = requests.get(event.shipment_request_id);
      if (request) {
        const shipped = new Map(request.shipped);
        for (const l of event.items)
          shipped.set(
            l.sku,
            addQuantities(shipped.get(l.sku) ?? ZERO_QUANTITY, parseQuantity(l.qty)),
          );
        requests.set(event.shipment_request_id, { ...request, shipped });
      }
      const shipments = new Map(state.shipments);
      shipments.set(event.shipment_id, {
        shipment_request_id: event.shipment_request_id,
        source_code: event.source_code,
        items: event.items,
        status: 'deducting',
      });
      return { ...state, requests, shipments };
    }
    case 'shipment_request_failed': {
      const requests = new Map(state.requests);
      const request = requests.get(event.shipment_request_id);
      if (request) requests.set(event.shipment_request_id, { ...request, status: 'failed' });
      return {
        ...state,
        requests,
        plans: state.plans + 1,
        failedSources: new Set([...state.failedSources, event.source_code]),
      };
    }
    case 'shipment_created':
    case 'shipment_deduction_rejected': {
      const shipments = new Map(state.shipments);
      const shipment = shipments.get(event.shipment_id);
      if (shipment)
        shipments.set(event.shipment_id, {
          ...shipment,
          status: event.type === 'shipment_created' ? 'created' : 'rejected',
        });
      return { ...state, shipments };
    }
    case 'order_unshippable':
      return { ...state, unshippable: true };
    case 'deduct_source_items':
      return state;
  }
}

/** What a request still has to ship, per SKU (nothing once it failed). */
export function requestRemainder(request: RequestState): Line[] {
  return request.items.flatMap((l) => {
    const left = subtractQuantities(
      parseQuantity(l.qty),
      request.shipped.get(l.sku) ?? ZERO_QUANTITY,
    );
    return left > 0 ? [{ sku: l.sku, qty: toUnits(left) }] : [];
  });
}
