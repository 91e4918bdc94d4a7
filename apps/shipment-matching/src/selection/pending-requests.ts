import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { Pool } from 'pg';
import { ensureTables, withTransaction } from '@inventory/event-store';
import { parseQuantity } from '@inventory/kernel';
import { PG_POOL } from '@inventory/service-kit';
import { skuKey } from '../catalog/catalog.store';
import { requestRemainder, type ShippingState } from '../domain';

const TABLE = 'sm_pending';

/**
 * What open shipment requests still ask of each source (not yet dispatched), rewritten from an
 * order's state after each change of it: a derived table, so a crash between the stream
 * append and the rewrite is healed by the order's next change.
 */
@Injectable()
export class PendingRequests implements OnModuleInit {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async onModuleInit(): Promise<void> {
    await ensureTables(this.pool, TABLE, [
      `CREATE TABLE IF NOT EXISTS ${TABLE} (
         order_id text NOT NULL,
         shipment_request_id text NOT NULL,
         source_code text NOT NULL,
         sku_key text NOT NULL,
         qty numeric NOT NULL,
         PRIMARY KEY (shipment_request_id, sku_key))`,
      `CREATE INDEX IF NOT EXISTS ${TABLE}_order ON ${TABLE} (order_id)`,
    ]);
  }

  async sync(state: ShippingState): Promise<void> {
    const rows = [...state.requests].flatMap(([id, request]) =>
      request.status === 'open'
        ? requestRemainder(request).map((l) => [id, request.source_code, skuKey(l.sku), l.qty])
        : [],
    );
    const col = (i: number) => rows.map((r) => r[i]);
    await withTransaction(this.pool, async (client) => {
      await client.query(`DELETE FROM ${TABLE} WHERE order_id = $1`, [state.order_id]);
      await client.query(
        `INSERT INTO ${TABLE} (order_id, shipment_request_id, source_code, sku_key, qty)
         SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::numeric[])
         ON CONFLICT (shipment_request_id, sku_key) DO UPDATE SET qty = ${TABLE}.qty + EXCLUDED.qty`,
        [state.order_id, col(0), col(1), col(2), col(3)],
      );
    });
  }

  /** Pending quantity per `source\0sku_key`, in ten-thousandths. */
  async held(): Promise<Map<string, number>> {
    const { rows } = await this.pool.query<{ source_code: string; sku_key: string; qty: string }>(
      `SELECT source_code, sku_key, sum(qty)::text AS qty FROM ${TABLE} GROUP BY 1, 2`,
    );
    return new Map(rows.map((r) => [`${r.source_code}\u0000${r.sku_key}`, parseQuantity(r.qty)]));
  }
}
