import type Redis from 'ioredis';
import type { Pool } from 'pg';
import { SOURCE_INVENTORY_CATEGORIES, type SourceData } from '@inventory/contracts';
import { withTransaction, type Checkpoint, type EventStore } from '@inventory/event-store';
import type { CommandBus, RedisKeys } from '@inventory/service-kit';
import { KnownSources } from '../sources/known-sources';
import { StockRegistry } from '../stocks/stock-registry';
import { SalableProjector } from './salable-projector';
import { SOURCE_ITEM_EVENT_TYPES } from './source-item-event.dto';
import { SourceItemsStore, sourceItemStateOf, type SourceItemState } from './source-items.store';

export interface SalableRebuildDeps {
  pool: Pool;
  redis: Redis;
  keys: RedisKeys;
  store: EventStore;
  bus: CommandBus;
  log: (line: string) => void;
}

export interface SalableRebuildReport {
  /** Source and source-item events replayed (0 unless `fromEventStore`). */
  replayedEvents: number;
  deletedKeys: number;
  skus: number;
}

/** Events read per page, and SKUs recomputed per transaction. */
const PAGE = 5000;
const SKU_PAGE = 2000;

/**
 * Drops the salable read model (`<prefix>sa:*`) and recomputes every (stock, SKU) pair with the
 * live projector's code. With `fromEventStore`, the inputs it keeps from Kafka (`sa_sources`,
 * `sa_source_items`) are first emptied and refilled by replaying source-inventory's source and
 * source-item events from the event store (the default deployment shares one); links and
 * product configuration always come from this service's own streams. Stop the service's
 * consumers during a `fromEventStore` rebuild; the plain recompute is safe while it runs.
 */
export async function rebuildSalable(
  deps: SalableRebuildDeps,
  options: { fromEventStore: boolean },
): Promise<SalableRebuildReport> {
  const sources = new KnownSources(deps.pool);
  const items = new SourceItemsStore(deps.pool);
  await sources.onModuleInit();
  await items.onModuleInit();
  let replayedEvents = 0;
  if (options.fromEventStore) {
    await sources.truncate();
    await items.truncate();
    replayedEvents = await replaySourceInventory(deps, sources, items);
    deps.log(`replayed ${replayedEvents} source and source-item events`);
  }
  const deletedKeys = await deleteKeys(deps.redis, `${deps.keys.prefix}sa:*`);
  deps.log(`deleted ${deletedKeys} salable keys`);
  const projector = new SalableProjector(
    deps.pool,
    deps.redis,
    deps.keys,
    new StockRegistry(deps.bus),
    deps.bus,
    items,
  );
  const skus = (await items.allSkus(deps.pool)).sort();
  for (let i = 0; i < skus.length; i += SKU_PAGE) {
    await projector.recomputeSkus(skus.slice(i, i + SKU_PAGE));
    deps.log(`recomputed ${Math.min(i + SKU_PAGE, skus.length)}/${skus.length} SKUs`);
  }
  return { replayedEvents, deletedKeys, skus: skus.length };
}

async function replaySourceInventory(
  deps: SalableRebuildDeps,
  sources: KnownSources,
  items: SourceItemsStore,
): Promise<number> {
  const categories = [SOURCE_INVENTORY_CATEGORIES.source, SOURCE_INVENTORY_CATEGORIES.sourceItem];
  let after: Checkpoint | null = null;
  let replayed = 0;
  for (let emptyPages = 0; emptyPages < 2;) {
    const page = await deps.store.readAll(after, PAGE, { categories });
    after = page.checkpoint;
    if (page.events.length === 0) {
      // A short page can mean an older transaction is still open: look once more.
      emptyPages++;
      await new Promise((r) => setTimeout(r, 200));
      continue;
    }
    emptyPages = 0;
    await withTransaction(deps.pool, async (client) => {
      for (const e of page.events) {
        if (e.type === 'source_created' || e.type === 'source_updated') {
          await sources.upsert((e.data as { source: SourceData }).source, e.streamVersion, client);
        } else if (Object.hasOwn(SOURCE_ITEM_EVENT_TYPES, e.type)) {
          await items.apply(
            client,
            sourceItemStateOf(e.type, e.data as SourceItemState),
            e.streamVersion,
          );
        } else {
          continue;
        }
        replayed++;
      }
    });
  }
  return replayed;
}

async function deleteKeys(redis: Redis, pattern: string): Promise<number> {
  let deleted = 0;
  for await (const batch of redis.scanStream({ match: pattern, count: 1000 })) {
    const keys = batch as string[];
    if (keys.length) deleted += await redis.unlink(...keys);
  }
  return deleted;
}
