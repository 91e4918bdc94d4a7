import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { Pool } from 'pg';
import { ensureTables } from '@inventory/event-store';
import { PG_POOL } from '@inventory/service-kit';
import type { SalesChannel } from '../domain';
import type { StockWithChannels } from './stock-event.dto';

export const CHANNELS_TABLE = 'rs_channels';

/** How long a replica trusts its copy of the channel table. */
const CACHE_MS = 1000;

/**
 * Which stock each sales channel belongs to, kept from stock-aggregation's
 * `inventory.stocks.v1` in `rs_channels`. Every registry event comes from one stream, so its
 * `stream-version` header orders them even across partitions: a channel row only changes for
 * a newer version, and a stock's update removes the channels it no longer has only where no
 * newer event claimed them. Reads come from an in-memory copy refreshed at most every second
 * (every replica reads the table; only one consumes each event).
 */
@Injectable()
export class ChannelDirectory implements OnModuleInit {
  private cache?: { at: number; map: Map<string, number> };
  private loading?: Promise<Map<string, number>>;

  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async onModuleInit(): Promise<void> {
    await ensureTables(this.pool, CHANNELS_TABLE, [
      `CREATE TABLE IF NOT EXISTS ${CHANNELS_TABLE} (
        type text NOT NULL,
        code text NOT NULL,
        stock_id integer,
        stream_version bigint NOT NULL,
        PRIMARY KEY (type, code)
      )`,
    ]);
  }

  async stockOf(channel: SalesChannel): Promise<number | undefined> {
    return (await this.map()).get(key(channel.type, channel.code));
  }

  /** A stock saved at `version`: its channels point to it; channels it dropped point nowhere. */
  async stockSaved(stock: StockWithChannels, version: number): Promise<void> {
    const channels = stock.extension_attributes.sales_channels;
    await this.pool.query(
      `WITH given AS (
         SELECT * FROM unnest($2::text[], $3::text[]) AS g(type, code)
       ), upserted AS (
         INSERT INTO ${CHANNELS_TABLE} AS t (type, code, stock_id, stream_version)
         SELECT type, code, $1, $4 FROM given
         ON CONFLICT (type, code) DO UPDATE SET stock_id = EXCLUDED.stock_id, stream_version = EXCLUDED.stream_version
           WHERE t.stream_version < EXCLUDED.stream_version
       )
       UPDATE ${CHANNELS_TABLE} t SET stock_id = NULL, stream_version = $4
       WHERE t.stock_id = $1 AND t.stream_version < $4
         AND NOT EXISTS (SELECT 1 FROM given g WHERE g.type = t.type AND g.code = t.code)`,
      [stock.stock_id, channels.map((c) => c.type), channels.map((c) => c.code), version],
    );
    this.cache = undefined;
  }

  async stockDeleted(stockId: number, version: number): Promise<void> {
    await this.pool.query(
      `UPDATE ${CHANNELS_TABLE} SET stock_id = NULL, stream_version = $2
       WHERE stock_id = $1 AND stream_version < $2`,
      [stockId, version],
    );
    this.cache = undefined;
  }

  private async map(): Promise<Map<string, number>> {
    if (this.cache && Date.now() - this.cache.at < CACHE_MS) return this.cache.map;
    this.loading ??= this.pool
      .query<{ type: string; code: string; stock_id: number }>(
        `SELECT type, code, stock_id FROM ${CHANNELS_TABLE} WHERE stock_id IS NOT NULL`,
      )
      .then(({ rows }) => {
        const map = new Map(rows.map((r) => [key(r.type, r.code), r.stock_id]));
        this.cache = { at: Date.now(), map };
        return map;
      })
      .finally(() => (this.loading = undefined));
    return this.loading;
  }
}

const key = (type: string, code: string) => `${type}\u0000${code}`;
