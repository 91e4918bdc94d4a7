import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import type { Actor } from '@inventory/contracts';
import {
  filterInMemory,
  parseSearchCriteria,
  searchResult,
  defineSearchSchema,
} from '@inventory/msi-api';
import type { MagentoSearchResult } from '@inventory/msi-api';
import { isPositiveInteger, stockNotFound, type StockData, type StockInput } from '../domain';
import { SYSTEM_ACTOR, now } from '../common/request-context';
import { SalableProjector } from '../salable/salable-projector';
import { StockRegistry } from './stock-registry';

export const STOCKS_SEARCH = defineSearchSchema({
  fields: { stock_id: { kind: 'number' }, name: { kind: 'string' } },
  key: ['stock_id'],
  defaultSort: [{ field: 'stock_id', direction: 'ASC' }],
  maxPageSize: 1000,
});

/** Stock use cases. MSI's POST is a save: with the id of an existing stock it updates it. */
@Injectable()
export class StocksApp implements OnApplicationBootstrap {
  constructor(
    private readonly registry: StockRegistry,
    private readonly projector: SalableProjector,
  ) {}

  /** Default stock 1 with website/base and the default source link, from the first start. */
  async onApplicationBootstrap(): Promise<void> {
    await this.registry.run({ type: 'ensure_defaults', actor: SYSTEM_ACTOR, occurred_at: now() });
  }

  async save(input: StockInput, actor: Actor): Promise<number> {
    const given = input.stock_id;
    const exists = isPositiveInteger(given) && (await this.registry.state()).stocks.has(given);
    if (exists) return this.update(given, input, actor);
    const events = await this.registry.run({
      type: 'create_stock',
      stock: input,
      actor,
      occurred_at: now(),
    });
    // The id the decider handed out (given, or the registry's next one), as MSI's save returns.
    const created = events.find((e) => e.type === 'stock_created');
    if (created?.type !== 'stock_created') throw new Error('create_stock appended no stock');
    return created.data.stock.stock_id;
  }

  async update(stockId: number, input: StockInput, actor: Actor): Promise<number> {
    await this.registry.run({
      type: 'update_stock',
      stock_id: stockId,
      stock: input,
      actor,
      occurred_at: now(),
    });
    return stockId;
  }

  /** Deleting a stock deletes its links, so its salable hashes go with them. */
  async delete(stockId: number, actor: Actor): Promise<void> {
    const links = [...(await this.registry.state()).links.values()].filter(
      (l) => l.stock_id === stockId,
    );
    await this.registry.run({ type: 'delete_stock', stock_id: stockId, actor, occurred_at: now() });
    await this.projector.linksChanged(links, true);
  }

  async get(stockId: number): Promise<StockData> {
    const stock = (await this.registry.state()).stocks.get(stockId);
    if (!stock) throw stockNotFound(stockId);
    return stock;
  }

  async search(query: unknown): Promise<MagentoSearchResult<StockData>> {
    const criteria = parseSearchCriteria(query, STOCKS_SEARCH);
    const stocks = [...(await this.registry.state()).stocks.values()];
    const { items, totalCount } = filterInMemory(stocks, criteria);
    return searchResult(items, criteria, totalCount);
  }
}
