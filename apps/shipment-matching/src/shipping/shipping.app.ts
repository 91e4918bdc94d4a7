import { Injectable, Logger } from '@nestjs/common';
import { NoDestinationAddressError, type Destination } from '@inventory/source-selection';
import { CommandBus } from '@inventory/service-kit';
import { skuKey } from '../catalog/catalog.store';
import {
  requestRemainder,
  shippingDecider,
  shippingStream,
  type Line,
  type Plan,
  type ShippingCommand,
  type ShippingState,
} from '../domain';
import { PendingRequests } from '../selection/pending-requests';
import { SelectionApp } from '../selection/selection.app';
import { SettingsApp } from '../selection/settings.app';
import { ShipmentIndex } from './shipment-index';

export interface ReservedOrder {
  order_id: string;
  stock_id: number;
  lines: ReadonlyArray<{ sku: string; qty: number | string }>;
  shipping_address?: Destination;
}

const now = () => new Date().toISOString();

/** Lines as published: quantities as JSON numbers, whatever the input carried. */
const toLines = (items: ReadonlyArray<{ sku: string; qty: number | string }>): Line[] =>
  items.map((l) => ({ sku: l.sku, qty: Number(l.qty) }));

/** Retried by the consumer: the order's reservation (or request) is usually a moment away. */
class NotYetKnownError extends Error {}

/**
 * The shipping of each order, as a process in its `shiporder-<order_id>` stream: planned when
 * its reservation is made, `ship_from_source` per source, dispatches turned into source
 * deductions, failures re-planned without the failed source. A dispatch's reservation is
 * released (`shipment_created`) only once source-inventory has deducted it and stock-aggregation
 * has applied the deduction to the stock levels, so the salable quantity never rises above the
 * truth, not even for a moment (docs/shipment-matching.md).
 */
@Injectable()
export class ShippingApp {
  private readonly logger = new Logger(ShippingApp.name);

  constructor(
    private readonly bus: CommandBus,
    private readonly selection: SelectionApp,
    private readonly settings: SettingsApp,
    private readonly pending: PendingRequests,
    private readonly index: ShipmentIndex,
  ) {}

  state(orderId: string): Promise<ShippingState> {
    return this.bus.load(shippingStream(orderId), shippingDecider).then((l) => l.state);
  }

  async reserved(order: ReservedOrder): Promise<void> {
    const settings = await this.settings.of(order.stock_id);
    const lines = toLines(order.lines);
    const destination = order.shipping_address ?? null;
    const plan = settings.auto_plan
      ? await this.plan(order.stock_id, lines, destination, settings.algorithm_code, [])
      : { shipments: [], manual: true };
    await this.run(order.order_id, {
      type: 'start',
      key: `start:${order.order_id}`,
      order_id: order.order_id,
      stock_id: order.stock_id,
      lines,
      destination,
      algorithm: settings.algorithm_code,
      plan,
      at: now(),
    });
  }

  /** `shipment_requested`: the commerce platform names the source itself. */
  async requested(
    orderId: string,
    sourceCode: string,
    items: ReadonlyArray<{ sku: string; qty: number | string }>,
    eventId: string,
  ): Promise<void> {
    const state = await this.state(orderId);
    if (!state.started) throw new NotYetKnownError(`order ${orderId} has no reservation yet`);
    await this.run(orderId, {
      type: 'request_shipment',
      key: `requested:${eventId}`,
      source_code: sourceCode,
      items: toLines(items),
      at: now(),
    });
  }

  async dispatched(report: {
    shipment_id: string;
    shipment_request_id: string;
    order_id: string;
    source_code: string;
    items: ReadonlyArray<{ sku: string; qty: number | string }>;
  }): Promise<void> {
    await this.run(report.order_id, {
      type: 'record_dispatch',
      key: `dispatch:${report.shipment_id}`,
      ...report,
      items: toLines(report.items),
      at: now(),
    });
    await this.settle(report.order_id, report.shipment_id);
  }

  async failed(requestId: string, reason: string): Promise<void> {
    const orderId = await this.index.orderOfRequest(requestId);
    if (!orderId) throw new NotYetKnownError(`shipment request ${requestId} is not known (yet)`);
    const state = await this.state(orderId);
    const request = state.requests.get(requestId);
    if (!request || request.status === 'failed') return;
    const left = requestRemainder(request);
    const excluded = [...state.failedSources, request.source_code];
    const plan = left.length
      ? await this.plan(state.stock_id, left, state.destination, state.algorithm, excluded)
      : { shipments: [] };
    await this.run(orderId, {
      type: 'record_failure',
      key: `failure:${requestId}`,
      shipment_request_id: requestId,
      reason,
      remaining: left,
      plan,
      at: now(),
    });
  }

  async deductionOutcome(
    shipmentId: string,
    outcome: 'completed' | 'rejected',
    message: string | null,
  ): Promise<void> {
    const orderId = await this.index.deductionOutcome(shipmentId, outcome, message);
    // Not ours (a deduction commanded by someone else), or its dispatch not yet indexed.
    if (orderId) await this.settle(orderId, shipmentId);
  }

  async deductionApplied(shipmentId: string, sku: string): Promise<void> {
    const orderId = await this.index.applied(shipmentId, sku);
    if (orderId) await this.settle(orderId, shipmentId);
  }

  /** Releases a dispatch's reservation once its deduction is in the stock levels. */
  private async settle(orderId: string, shipmentId: string): Promise<void> {
    const shipment = (await this.state(orderId)).shipments.get(shipmentId);
    if (!shipment || shipment.status !== 'deducting') return;
    const { outcome, message, applied } = await this.index.deduction(shipmentId);
    if (outcome === 'rejected') {
      this.logger.error(`shipment ${shipmentId} of order ${orderId} was not deducted: ${message}`);
      await this.run(orderId, {
        type: 'reject_shipment',
        key: `rejected:${shipmentId}`,
        shipment_id: shipmentId,
        message: message ?? '',
        at: now(),
      });
      return;
    }
    const inLevels = shipment.items.every((l) => applied.has(skuKey(l.sku)));
    if (outcome !== 'completed' || !inLevels) return;
    await this.run(orderId, {
      type: 'complete_shipment',
      key: `created:${shipmentId}`,
      shipment_id: shipmentId,
      at: now(),
    });
  }

  private async plan(
    stockId: number,
    lines: Line[],
    destination: Destination | null,
    algorithm: string,
    excluded: string[],
  ): Promise<Plan> {
    const request = { stockId, items: lines, destination, algorithmCode: algorithm, excluded };
    try {
      return await this.selection.plan(request);
    } catch (err) {
      // An order without a usable address still ships: by source priority.
      if (!(err instanceof NoDestinationAddressError)) throw err;
      this.logger.warn(`no destination for ${algorithm} selection; planning by priority`);
      return this.selection.plan({ ...request, algorithmCode: 'priority' });
    }
  }

  private async run(orderId: string, command: ShippingCommand): Promise<void> {
    const { state } = await this.bus.run(shippingStream(orderId), command, shippingDecider, {
      commandId: command.key,
    });
    if (!state.started) return;
    await this.index.sync(state);
    await this.pending.sync(state);
  }
}
