import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { Pool } from 'pg';
import { ensureTables } from '@inventory/event-store';
import { parseQuantity } from '@inventory/kernel';
import { PG_POOL } from '@inventory/service-kit';
import type { LinkedSource, SourceItem } from '@inventory/source-selection';
import { CATALOG_DDL, TABLES } from './catalog.tables';

export interface CatalogSource {
  source_code: string;
  enabled: boolean;
  latitude?: number | null;
  longitude?: number | null;
  is_pickup_location_active?: boolean;
}

/** SKUs match case-insensitively (MSI's collation); rows keep the source item's spelling. */
export const skuKey = (sku: string) => sku.toLowerCase();

/**
 * What selection needs, kept from other services' events: sources (position, enabled),
 * stock-source links, sales channels and source items. Each row is the state after the newest
 * event of its stream (the relay's `stream-version`), so redeliveries and late older events
 * change nothing. Links and channels come from stock-aggregation's one registry stream.
 */
@Injectable()
export class CatalogStore implements OnModuleInit {
  constructor(@Inject(PG_POOL) readonly pool: Pool) {}

  async onModuleInit(): Promise<void> {
    await ensureTables(this.pool, 'shipment-matching catalog', CATALOG_DDL);
  }

  async saveSource(source: CatalogSource, version: number): Promise<void> {
    await this.pool.query(
      `INSERT INTO ${TABLES.sources} AS t (source_code, enabled, latitude, longitude, pickup, data, stream_version)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (source_code) DO UPDATE SET enabled = EXCLUDED.enabled, latitude = EXCLUDED.latitude,
         longitude = EXCLUDED.longitude, pickup = EXCLUDED.pickup, data = EXCLUDED.data,
         stream_version = EXCLUDED.stream_version
       WHERE t.stream_version < EXCLUDED.stream_version`,
      [
        source.source_code,
        source.enabled,
        source.latitude ?? null,
        source.longitude ?? null,
        source.is_pickup_location_active === true,
        JSON.stringify(source),
        version,
      ],
    );
  }

  async saveLinks(
    links: ReadonlyArray<{ stock_id: number; source_code: string; priority: number }>,
    deleted: boolean,
    version: number,
  ): Promise<void> {
    for (const l of links) {
      await this.pool.query(
        `INSERT INTO ${TABLES.links} AS t (stock_id, source_code, priority, stream_version)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (stock_id, source_code) DO UPDATE SET priority = EXCLUDED.priority,
           stream_version = EXCLUDED.stream_version
         WHERE t.stream_version < EXCLUDED.stream_version`,
        [l.stock_id, l.source_code, deleted ? null : l.priority, version],
      );
    }
  }

  async saveChannels(
    stockId: number,
    channels: ReadonlyArray<{ type: string; code: string }> | null,
    version: number,
  ): Promise<void> {
    const list = channels ?? [];
    await this.pool.query(
      `WITH given AS (SELECT * FROM unnest($2::text[], $3::text[]) AS g(type, code)),
       upserted AS (
         INSERT INTO ${TABLES.channels} AS t (type, code, stock_id, stream_version)
         SELECT type, code, $1, $4 FROM given
         ON CONFLICT (type, code) DO UPDATE SET stock_id = EXCLUDED.stock_id, stream_version = EXCLUDED.stream_version
         WHERE t.stream_version < EXCLUDED.stream_version)
       UPDATE ${TABLES.channels} t SET stock_id = NULL, stream_version = $4
       WHERE t.stock_id = $1 AND t.stream_version < $4
         AND NOT EXISTS (SELECT 1 FROM given g WHERE g.type = t.type AND g.code = t.code)`,
      [stockId, list.map((c) => c.type), list.map((c) => c.code), version],
    );
  }

  async saveItem(
    item: { source_code: string; sku: string; quantity: string; status: number },
    unassigned: boolean,
    version: number,
  ): Promise<void> {
    await this.pool.query(
      `INSERT INTO ${TABLES.items} AS t (source_code, sku_key, sku, quantity, in_stock, unassigned, stream_version)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (source_code, sku_key) DO UPDATE SET sku = EXCLUDED.sku, quantity = EXCLUDED.quantity,
         in_stock = EXCLUDED.in_stock, unassigned = EXCLUDED.unassigned, stream_version = EXCLUDED.stream_version
       WHERE t.stream_version < EXCLUDED.stream_version`,
      [
        item.source_code,
        skuKey(item.sku),
        item.sku,
        item.quantity,
        item.status === 1,
        unassigned,
        version,
      ],
    );
  }

  async stockOfChannel(type: string, code: string): Promise<number | undefined> {
    const { rows } = await this.pool.query<{ stock_id: number | null }>(
      `SELECT stock_id FROM ${TABLES.channels} WHERE type = $1 AND code = $2`,
      [type, code],
    );
    return rows[0]?.stock_id ?? undefined;
  }

  /** The sources linked to the stock, in ascending priority. */
  async linkedSources(stockId: number): Promise<Array<LinkedSource & { pickup: boolean }>> {
    const { rows } = await this.pool.query<{
      source_code: string;
      priority: number;
      enabled: boolean | null;
      latitude: number | null;
      longitude: number | null;
      pickup: boolean | null;
    }>(
      `SELECT l.source_code, l.priority, s.enabled, s.latitude, s.longitude, s.pickup
       FROM ${TABLES.links} l LEFT JOIN ${TABLES.sources} s USING (source_code)
       WHERE l.stock_id = $1 AND l.priority IS NOT NULL
       ORDER BY l.priority, l.source_code`,
      [stockId],
    );
    return rows.map((r) => ({
      code: r.source_code,
      priority: r.priority,
      // A link to a source not yet known here: treated as disabled until its event arrives.
      enabled: r.enabled === true,
      latitude: r.latitude,
      longitude: r.longitude,
      pickup: r.pickup === true,
    }));
  }

  /**
   * Source items of these SKUs at these sources, less what is already asked of each source by
   * open shipment requests not yet dispatched (`pending`), so two orders are not planned
   * against the same units.
   */
  async items(
    sourceCodes: readonly string[],
    skus: readonly string[],
    pending: ReadonlyMap<string, number> = new Map(),
  ): Promise<SourceItem[]> {
    if (sourceCodes.length === 0 || skus.length === 0) return [];
    const { rows } = await this.pool.query<{
      source_code: string;
      sku: string;
      quantity: string;
      in_stock: boolean;
    }>(
      `SELECT source_code, sku, quantity::text, in_stock FROM ${TABLES.items}
       WHERE source_code = ANY($1) AND sku_key = ANY($2) AND NOT unassigned`,
      [sourceCodes, skus.map(skuKey)],
    );
    return rows.map((r) => {
      const held = pending.get(`${r.source_code}\u0000${skuKey(r.sku)}`) ?? 0;
      return {
        source_code: r.source_code,
        sku: r.sku,
        quantity: (parseQuantity(r.quantity) - held) as SourceItem['quantity'],
        in_stock: r.in_stock,
      };
    });
  }
}
