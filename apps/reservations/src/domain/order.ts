import { addQuantities, toUnits, type Quantity } from '@inventory/kernel';
import type { SalabilityError } from '@inventory/salability';
import type { ReservationMetadata } from './ledger';

/** A sales channel as commerce platforms name it (`website` + code). */
export interface SalesChannel {
  type: string;
  code: string;
}

export interface OrderLineInput {
  sku: string;
  qty: Quantity;
}

/** The order of `order_placed` and of the checkout API, after validation at the edge. */
export interface PlacedOrder {
  id: string;
  increment_id: string;
  sales_channel: SalesChannel;
  items: OrderLineInput[];
  hold_id?: string;
  /** Passed on in the reserved outcome: shipment matching plans by distance from it. */
  shipping_address?: ShippingAddress;
}

export interface ShippingAddress {
  country: string;
  postcode: string;
  region?: string;
  city?: string;
  street?: string;
  latitude?: number;
  longitude?: number;
}

/** One error of a rejected outcome; `sku` is null for order-level errors. */
export interface OutcomeError {
  sku: string | null;
  code: string;
  message: string;
}

export type OrderOutcome =
  | {
      type: 'order_inventory_reserved';
      data: {
        order_id: string;
        stock_id: number;
        lines: Array<{ sku: string; qty: number }>;
        hold_id?: string;
        shipping_address?: ShippingAddress;
      };
    }
  | {
      type: 'order_inventory_rejected';
      data: { order_id: string; stock_id: number | null; errors: OutcomeError[] };
    };

export const ORDER_ERRORS = {
  noLinkedStock: { code: 'sales_channel-no_linked_stock', message: 'No linked stock found' },
  holdNotFound: { code: 'hold-not_found', message: 'The hold does not exist or was released.' },
  holdExpired: { code: 'hold-expired', message: 'The hold has expired.' },
} as const;

/** Lines of one SKU summed, in SKU order (so every process touches ledgers in the same order). */
export function mergeLines(items: readonly OrderLineInput[]): OrderLineInput[] {
  const bySku = new Map<string, Quantity>();
  for (const { sku, qty } of items) {
    const current = bySku.get(sku);
    bySku.set(sku, current === undefined ? qty : addQuantities(current, qty));
  }
  return [...bySku.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([sku, qty]) => ({ sku, qty }));
}

export function orderMetadata(
  order: { id: string; increment_id?: string },
  eventType: string,
): ReservationMetadata {
  return {
    event_type: eventType,
    object_type: 'order',
    object_id: order.id,
    object_increment_id: order.increment_id ?? '',
  };
}

export function reservedOutcome(
  order: PlacedOrder,
  stockId: number,
  lines: readonly OrderLineInput[],
): OrderOutcome {
  return {
    type: 'order_inventory_reserved',
    data: {
      order_id: order.id,
      stock_id: stockId,
      lines: lines.map((l) => ({ sku: l.sku, qty: toUnits(l.qty) })),
      ...(order.hold_id ? { hold_id: order.hold_id } : {}),
      ...(order.shipping_address ? { shipping_address: order.shipping_address } : {}),
    },
  };
}

export function rejectedOutcome(
  orderId: string,
  stockId: number | null,
  errors: OutcomeError[],
): OrderOutcome {
  return {
    type: 'order_inventory_rejected',
    data: { order_id: orderId, stock_id: stockId, errors },
  };
}

export function lineErrors(sku: string, errors: readonly SalabilityError[]): OutcomeError[] {
  return errors.map((e) => ({ sku, code: e.code, message: e.message }));
}
