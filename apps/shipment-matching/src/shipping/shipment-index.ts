import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { Pool } from 'pg';
import { ensureTables } from '@inventory/event-store';
import { PG_POOL } from '@inventory/service-kit';
import { skuKey } from '../catalog/catalog.store';
import type { ShippingState } from '../domain';

const T = {
  requests: 'sm_request_orders',
  shipments: 'sm_shipments',
  acks: 'sm_deduction_acks',
} as const;

/**
 * Which order a shipment request or a shipment belongs to (shipping systems' failure reports
 * and source-inventory's deduction outcomes name only those), whether its source deduction
 * completed, and which SKUs' deductions stock-aggregation has applied to the stock levels.
 */
@Injectable()
export class ShipmentIndex implements OnModuleInit {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async onModuleInit(): Promise<void> {
    await ensureTables(this.pool, 'shipment-matching index', [
      `CREATE TABLE IF NOT EXISTS ${T.requests} (
         shipment_request_id text PRIMARY KEY, order_id text NOT NULL)`,
      `CREATE TABLE IF NOT EXISTS ${T.shipments} (
         shipment_id text PRIMARY KEY, order_id text,
         deduction text CHECK (deduction IN ('completed', 'rejected')), message text)`,
      `CREATE TABLE IF NOT EXISTS ${T.acks} (
         shipment_id text NOT NULL, sku_key text NOT NULL, PRIMARY KEY (shipment_id, sku_key))`,
    ]);
  }

  async sync(state: ShippingState): Promise<void> {
    await this.pool.query(
      `INSERT INTO ${T.requests} (shipment_request_id, order_id)
       SELECT unnest($1::text[]), $2 ON CONFLICT DO NOTHING`,
      [[...state.requests.keys()], state.order_id],
    );
    await this.pool.query(
      `INSERT INTO ${T.shipments} AS t (shipment_id, order_id)
       SELECT unnest($1::text[]), $2
       ON CONFLICT (shipment_id) DO UPDATE SET order_id = EXCLUDED.order_id WHERE t.order_id IS NULL`,
      [[...state.shipments.keys()], state.order_id],
    );
  }

  async orderOfRequest(requestId: string): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ order_id: string }>(
      `SELECT order_id FROM ${T.requests} WHERE shipment_request_id = $1`,
      [requestId],
    );
    return rows[0]?.order_id;
  }

  /** Records the deduction's outcome; the shipment's order, if the shipment is known. */
  async deductionOutcome(
    shipmentId: string,
    outcome: 'completed' | 'rejected',
    message: string | null,
  ): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ order_id: string | null }>(
      // The outcome may arrive before the dispatch is indexed: kept until then.
      `INSERT INTO ${T.shipments} AS t (shipment_id, deduction, message) VALUES ($1, $2, $3)
       ON CONFLICT (shipment_id) DO UPDATE SET deduction = EXCLUDED.deduction, message = EXCLUDED.message
       RETURNING order_id`,
      [shipmentId, outcome, message],
    );
    return rows[0]?.order_id ?? undefined;
  }

  /** Records that a SKU's deduction is in the stock levels; the shipment's order, if known. */
  async applied(shipmentId: string, sku: string): Promise<string | undefined> {
    await this.pool.query(
      `INSERT INTO ${T.acks} (shipment_id, sku_key) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
      [shipmentId, skuKey(sku)],
    );
    const { rows } = await this.pool.query<{ order_id: string }>(
      `SELECT order_id FROM ${T.shipments} WHERE shipment_id = $1`,
      [shipmentId],
    );
    return rows[0]?.order_id;
  }

  async deduction(shipmentId: string): Promise<{
    outcome: 'completed' | 'rejected' | null;
    message: string | null;
    applied: Set<string>;
  }> {
    const [{ rows }, acks] = await Promise.all([
      this.pool.query<{ deduction: 'completed' | 'rejected' | null; message: string | null }>(
        `SELECT deduction, message FROM ${T.shipments} WHERE shipment_id = $1`,
        [shipmentId],
      ),
      this.pool.query<{ sku_key: string }>(`SELECT sku_key FROM ${T.acks} WHERE shipment_id = $1`, [
        shipmentId,
      ]),
    ]);
    return {
      outcome: rows[0]?.deduction ?? null,
      message: rows[0]?.message ?? null,
      applied: new Set(acks.rows.map((r) => r.sku_key)),
    };
  }
}
