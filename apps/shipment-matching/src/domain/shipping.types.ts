import type { Destination } from '@inventory/source-selection';

/** A line as the topics carry it: a JSON number in the product's unit (4 places at most). */
export interface Line {
  sku: string;
  qty: number;
}

export interface Stamp {
  event_id: string;
  occurred_at: string;
}

/** shipping.commands.v1, key source code: what one source is asked to ship. */
export interface ShipFromSource extends Stamp {
  type: 'ship_from_source';
  shipment_request_id: string;
  order_id: string;
  source_code: string;
  items: Line[];
  destination_address: Destination | null;
}

/** inventory.source-commands.v1 (source-inventory's contract): deduct what was shipped. */
export interface DeductSourceItems {
  event_id: string;
  type: 'deduct_source_items';
  shipment_id: string;
  source_code: string;
  items: Line[];
}

/** inventory.shipments.v1, key order id: the reservation of shipped quantities is released. */
export interface ShipmentCreated extends Stamp {
  type: 'shipment_created';
  order_id: string;
  stock_id: number;
  shipment_id: string;
  shipment_request_id: string;
  source_code: string;
  items: Line[];
}

/** inventory.shipments.v1: what is left of the order can be shipped from no source. */
export interface OrderUnshippable extends Stamp {
  type: 'order_unshippable';
  order_id: string;
  stock_id: number;
  lines: Line[];
  reason: string;
}

/** Why an order is planned the way it is; internal to the order's stream. */
export interface ShippingStarted extends Stamp {
  type: 'shipping_started';
  order_id: string;
  stock_id: number;
  lines: Line[];
  destination_address: Destination | null;
  algorithm: string;
}

export interface ShipmentDispatched extends Stamp {
  type: 'shipment_dispatched';
  shipment_id: string;
  shipment_request_id: string;
  source_code: string;
  items: Line[];
}

export interface ShipmentRequestFailed extends Stamp {
  type: 'shipment_request_failed';
  shipment_request_id: string;
  source_code: string;
  reason: string;
}

/** source-inventory refused the deduction (the source had less than was shipped). */
export interface ShipmentDeductionRejected extends Stamp {
  type: 'shipment_deduction_rejected';
  order_id: string;
  shipment_id: string;
  source_code: string;
  message: string;
}

/** Every event of a `shiporder-<order_id>` stream, each stored with its `type`. */
export type ShippingEvent =
  | ShippingStarted
  | ShipFromSource
  | ShipmentDispatched
  | ShipmentRequestFailed
  | DeductSourceItems
  | ShipmentCreated
  | ShipmentDeductionRejected
  | OrderUnshippable;
