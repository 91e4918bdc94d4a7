import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import type { Pool, PoolClient } from 'pg';
import { withTransaction } from '@inventory/event-store';
import { CommandBus, PG_POOL, REDIS, RedisKeys } from '@inventory/service-kit';
import {
  affectedPairs,
  aggregateSku,
  carriesSourceItems,
  DEFAULT_INVENTORY_CONFIGURATION,
  effectiveConfig,
  inventoryConfigurationDecider,
  inventoryConfigurationStream,
  encodeStockLevel,
  linksOfStock,
  SALABILITY_KEYS,
  stockItemDecider,
  stockItemStream,
  type AggregationChange,
  type InventoryConfiguration,
  type StockItemConfiguration,
  type StockSkuPair,
  type StockSourceLink,
} from '../domain';
import { KNOWN_SOURCES_TABLE } from '../sources/known-sources';
import { StockRegistry } from '../stocks/stock-registry';
import { SourceItemsStore } from './source-items.store';

/** Pairs written per Redis MULTI; config streams loaded in parallel per batch. */
const BATCH = 500;
const CONFIG_PARALLELISM = 32;

/**
 * Keeps the stock levels (libs/salability stock-level.ts) in step with their inputs. Every change
 * recomputes the pairs it affects (`affectedPairs`) from the current state — source items and
 * enabled flags in PostgreSQL, links from the registry stream, configuration from its streams —
 * and overwrites their hashes. Recomputing from state (rather than applying deltas) makes a
 * repeated or reordered recompute harmless; a PostgreSQL advisory lock per SKU, held until the
 * caller's transaction ends, makes the last recompute of a pair the one that saw every change
 * committed before it, across replicas.
 */
@Injectable()
export class SalableProjector {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly keys: RedisKeys,
    private readonly registry: StockRegistry,
    private readonly bus: CommandBus,
    private readonly items: SourceItemsStore,
  ) {}

  /** Recomputes requested inside an inTransaction, run after its commit (see below). */
  private readonly deferred = new Map<PoolClient, Array<(client: PoolClient) => Promise<void>>>();

  /**
   * Runs `work` (the row writes) in a short transaction, then each recompute it asked for in a
   * transaction of its own. A write transaction must not stay open while the recompute reads the
   * event store and writes Redis: every gap-safe event-store reader in the database (the relays,
   * the projections) waits for the oldest open transaction. Recomputing after commit stays correct:
   * it reads current committed state under the per-SKU lock, and a change committed after it
   * started triggers its own recompute.
   */
  async inTransaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const later: Array<(client: PoolClient) => Promise<void>> = [];
    const result = await this.transaction(async (client) => {
      this.deferred.set(client, later);
      try {
        return await work(client);
      } finally {
        this.deferred.delete(client);
      }
    });
    for (const job of later) await this.transaction(job);
    return result;
  }

  private transaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    return withTransaction(this.pool, work);
  }

  /** A source item changed (in `client`'s transaction, not yet committed). */
  async sourceItemChanged(client: PoolClient, sourceCode: string, sku: string): Promise<void> {
    await this.recompute(client, async () => ({
      kind: 'source_item',
      source_code: sourceCode,
      sku,
    }));
  }

  /** A source was created or updated (enabled may have changed). */
  async sourceChanged(client: PoolClient, sourceCode: string): Promise<void> {
    await this.recompute(client, async () => ({
      kind: 'source_enabled',
      source_code: sourceCode,
      skus_at_source: await this.items.skusAtSource(client, sourceCode),
    }));
  }

  /** Links saved (or re-prioritised) or deleted; `deleted` only changes the change's kind. */
  async linksChanged(
    links: ReadonlyArray<{ stock_id?: unknown; source_code?: unknown }>,
    deleted: boolean,
  ): Promise<void> {
    await this.inTransaction(async (client) => {
      for (const link of links) {
        const skus = await this.items.skusAtSource(client, String(link.source_code));
        await this.recompute(client, async () => ({
          kind: deleted ? 'link_deleted' : 'link_saved',
          stock_id: Number(link.stock_id),
          source_code: String(link.source_code),
          skus_at_source: skus,
        }));
      }
    });
  }

  async skuConfigChanged(sku: string): Promise<void> {
    await this.inTransaction((client) =>
      this.recompute(client, async () => ({ kind: 'sku_config', sku })),
    );
  }

  /** Recomputes every pair of these SKUs in every stock (a rebuild, a page at a time). */
  async recomputeSkus(skus: readonly string[]): Promise<void> {
    await this.inTransaction((client) =>
      this.recompute(client, async () => ({ kind: 'global_config', skus: [...skus] })),
    );
  }

  async globalConfigChanged(): Promise<void> {
    await this.inTransaction(async (client) =>
      this.recompute(client, async () => ({
        kind: 'global_config',
        skus: await this.items.allSkus(client),
      })),
    );
  }

  private async recompute(
    client: PoolClient,
    change: () => Promise<AggregationChange>,
  ): Promise<void> {
    const later = this.deferred.get(client);
    if (later) {
      later.push((fresh) => this.recompute(fresh, change));
      return;
    }
    const links = [...(await this.registry.state()).links.values()];
    const pairs = affectedPairs(await change(), links);
    if (pairs.length === 0) return;
    await this.lockSkus(client, pairs);
    // Links are read again under the locks: a link change committed meanwhile is then seen.
    const current = [...(await this.registry.state()).links.values()];
    const enabled = await this.enabledSources(client);
    const global = await this.globalConfig();
    for (let i = 0; i < pairs.length; i += BATCH) {
      await this.writePairs(client, pairs.slice(i, i + BATCH), current, enabled, global);
    }
  }

  private async lockSkus(client: PoolClient, pairs: readonly StockSkuPair[]): Promise<void> {
    const skus = [...new Set(pairs.map((p) => p.sku))].sort();
    await client.query(
      `SELECT pg_advisory_xact_lock(hashtext('sa-salable'), hashtext(s))
       FROM unnest($1::text[]) WITH ORDINALITY AS u(s, i) ORDER BY i`,
      [skus],
    );
  }

  private async writePairs(
    client: PoolClient,
    pairs: readonly StockSkuPair[],
    links: readonly StockSourceLink[],
    enabled: ReadonlySet<string>,
    global: InventoryConfiguration,
  ): Promise<void> {
    const skus = [...new Set(pairs.map((p) => p.sku))];
    const items = await this.items.itemsOf(client, skus);
    const configs = await this.skuConfigs(skus);
    const multi = this.redis.multi();
    const prefix = this.keys.prefix;
    for (const { stock_id, sku } of pairs) {
      const key = SALABILITY_KEYS.stockLevel(prefix, stock_id, sku);
      const linked = linksOfStock(links, stock_id).map((l) => l.source_code);
      const aggregate = aggregateSku(linked, enabled, items.get(sku) ?? []);
      const config = effectiveConfig(global, configs.get(sku));
      const index = SALABILITY_KEYS.stockSkus(prefix, stock_id);
      multi.del(key);
      if (!aggregate.assigned || !carriesSourceItems(config.type_id)) {
        multi.zrem(index, sku);
        continue;
      }
      multi.zadd(index, 0, sku);
      multi.hset(
        key,
        encodeStockLevel({
          assigned: true,
          any_in_stock: aggregate.any_in_stock,
          aggregated_qty: aggregate.quantity,
          config,
        }),
      );
    }
    const replies = await multi.exec();
    const failed = replies?.find(([err]) => err);
    if (!replies || failed) throw failed?.[0] ?? new Error('salable read model write aborted');
  }

  private async enabledSources(client: PoolClient): Promise<Set<string>> {
    const { rows } = await client.query<{ source_code: string }>(
      `SELECT source_code FROM ${KNOWN_SOURCES_TABLE} WHERE enabled`,
    );
    return new Set(rows.map((r) => r.source_code));
  }

  private async globalConfig(): Promise<InventoryConfiguration> {
    const { state } = await this.bus.load(
      inventoryConfigurationStream(),
      inventoryConfigurationDecider,
    );
    return state ?? DEFAULT_INVENTORY_CONFIGURATION;
  }

  private async skuConfigs(skus: readonly string[]): Promise<Map<string, StockItemConfiguration>> {
    const result = new Map<string, StockItemConfiguration>();
    for (let i = 0; i < skus.length; i += CONFIG_PARALLELISM) {
      await Promise.all(
        skus.slice(i, i + CONFIG_PARALLELISM).map(async (sku) => {
          const { state } = await this.bus.load(stockItemStream(sku), stockItemDecider);
          if (state) result.set(sku, state);
        }),
      );
    }
    return result;
  }
}
