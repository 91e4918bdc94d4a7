import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { Pool, PoolClient } from 'pg';
import type { SourceItemStatus } from '@inventory/contracts';
import { ensureTables } from '@inventory/event-store';
import { PG_POOL } from '@inventory/service-kit';
import { parseQuantity, type SourceItemLevel } from '../domain';

export const SOURCE_ITEMS_TABLE = 'sa_source_items';

/** What one source-item event states about its item afterwards. */
export interface SourceItemState {
  source_code: string;
  sku: string;
  /** 4-place decimal string. */
  quantity: string;
  status: SourceItemStatus;
  /** `source_item_unassigned`: the item no longer exists (kept as a tombstone for ordering). */
  unassigned: boolean;
}

type Queryable = Pool | PoolClient;

/** The item's state after a source-item event of `type` (every such event states it). */
export function sourceItemStateOf(
  type: string,
  payload: Pick<SourceItemState, 'source_code' | 'sku' | 'quantity' | 'status'>,
): SourceItemState {
  return {
    source_code: payload.source_code,
    sku: payload.sku,
    quantity: payload.quantity,
    status: payload.status,
    unassigned: type === 'source_item_unassigned',
  };
}

/**
 * Source items as stock aggregation knows them, fed from `inventory.source-items.v1`. Every
 * event states the item's quantity and status after it, so a row is the state after the
 * newest event of its stream (`sourceitem-<source>/<sku>`), ordered by the relay's
 * `stream-version` header: redeliveries and late older events change nothing. An unassigned
 * item stays as a tombstone (`unassigned = true`) so that a late older event cannot revive it.
 */
@Injectable()
export class SourceItemsStore implements OnModuleInit {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async onModuleInit(): Promise<void> {
    await ensureTables(this.pool, SOURCE_ITEMS_TABLE, [
      `CREATE TABLE IF NOT EXISTS ${SOURCE_ITEMS_TABLE} (
        source_code text NOT NULL,
        sku text NOT NULL,
        quantity numeric(24,4) NOT NULL,
        status smallint NOT NULL,
        unassigned boolean NOT NULL DEFAULT false,
        stream_version bigint NOT NULL,
        PRIMARY KEY (source_code, sku)
      )`,
      `CREATE INDEX IF NOT EXISTS ${SOURCE_ITEMS_TABLE}_sku_idx ON ${SOURCE_ITEMS_TABLE} (sku)`,
    ]);
  }

  /** Applies the item's state if `streamVersion` is newer than the stored one; true if applied. */
  async apply(db: Queryable, item: SourceItemState, streamVersion: number): Promise<boolean> {
    const { rowCount } = await db.query(
      `INSERT INTO ${SOURCE_ITEMS_TABLE} AS t (source_code, sku, quantity, status, unassigned, stream_version)
       VALUES ($1, $2, $3::numeric, $4, $5, $6)
       ON CONFLICT (source_code, sku) DO UPDATE
         SET quantity = EXCLUDED.quantity, status = EXCLUDED.status,
             unassigned = EXCLUDED.unassigned, stream_version = EXCLUDED.stream_version
         WHERE t.stream_version < EXCLUDED.stream_version`,
      [item.source_code, item.sku, item.quantity, item.status, item.unassigned, streamVersion],
    );
    return (rowCount ?? 0) > 0;
  }

  /** The assigned items of these SKUs at any source, grouped by SKU. */
  async itemsOf(db: Queryable, skus: readonly string[]): Promise<Map<string, SourceItemLevel[]>> {
    const bySku = new Map<string, SourceItemLevel[]>();
    if (skus.length === 0) return bySku;
    const { rows } = await db.query<{
      source_code: string;
      sku: string;
      quantity: string;
      status: number;
    }>(
      `SELECT source_code, sku, quantity::text AS quantity, status FROM ${SOURCE_ITEMS_TABLE}
       WHERE sku = ANY($1::text[]) AND NOT unassigned`,
      [[...new Set(skus)]],
    );
    for (const row of rows) {
      const list = bySku.get(row.sku) ?? [];
      list.push({
        source_code: row.source_code,
        quantity: parseQuantity(row.quantity, 'quantity'),
        status: row.status === 1 ? 1 : 0,
      });
      bySku.set(row.sku, list);
    }
    return bySku;
  }

  /** Every SKU with an item (assigned or not: a tombstone's key may need clearing) at the source. */
  async skusAtSource(db: Queryable, sourceCode: string): Promise<string[]> {
    const { rows } = await db.query<{ sku: string }>(
      `SELECT sku FROM ${SOURCE_ITEMS_TABLE} WHERE source_code = $1`,
      [sourceCode],
    );
    return rows.map((r) => r.sku);
  }

  /** Empties the table (a rebuild from the event store refills it). */
  async truncate(db: Queryable = this.pool): Promise<void> {
    await db.query(`TRUNCATE ${SOURCE_ITEMS_TABLE}`);
  }

  /** Every SKU known here. */
  async allSkus(db: Queryable): Promise<string[]> {
    const { rows } = await db.query<{ sku: string }>(
      `SELECT DISTINCT sku FROM ${SOURCE_ITEMS_TABLE}`,
    );
    return rows.map((r) => r.sku);
  }
}
