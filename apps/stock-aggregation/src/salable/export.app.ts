import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import {
  defineSearchSchema,
  filterInMemory,
  msiNotFound,
  parseSearchCriteria,
  searchResult,
  type MagentoSearchResult,
  type SearchCriteria,
} from '@inventory/msi-api';
import { REDIS, RedisKeys } from '@inventory/service-kit';
import { SALABILITY_KEYS, toUnits } from '../domain';
import { StockRegistry } from '../stocks/stock-registry';
import { SalableApp } from './salable.app';

/** One exported row, as MSI's export-stock-salable-qty lists them. */
export interface ExportedQty {
  sku: string;
  qty: number;
  is_salable: boolean;
}

export const EXPORT_SEARCH = defineSearchSchema({
  fields: {
    sku: { kind: 'string' },
    qty: { kind: 'number' },
    is_salable: { kind: 'boolean' },
  },
  key: ['sku'],
  defaultSort: [{ field: 'sku', direction: 'ASC' }],
  maxPageSize: 5000,
});

/** Hashes read per pipeline when a whole stock must be scanned (filters, other sorts). */
const SCAN_BATCH = 1000;

/**
 * The salable quantities of every SKU of the stock a sales channel belongs to, a page at a
 * time. Plain paging in SKU order (the common case: a platform syncing its catalog) reads one
 * slice of the stock's SKU index and one pipeline of hashes; filters or other sort orders scan
 * the stock's hashes in batches and apply searchCriteria in memory.
 */
@Injectable()
export class ExportApp {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly keys: RedisKeys,
    private readonly registry: StockRegistry,
    private readonly salable: SalableApp,
  ) {}

  async export(
    type: string,
    code: string,
    query: unknown,
  ): Promise<MagentoSearchResult<ExportedQty>> {
    const criteria = parseSearchCriteria(query, EXPORT_SEARCH);
    const stockId = await this.stockOf(type, code);
    const index = SALABILITY_KEYS.stockSkus(this.keys.prefix, stockId);
    if (isPlainSkuPaging(criteria)) {
      const descending = criteria.sortOrders[0]?.direction === 'DESC';
      const start = (criteria.currentPage - 1) * criteria.pageSize;
      const [total, skus] = await Promise.all([
        this.redis.zcard(index),
        descending
          ? this.redis.zrevrange(index, start, start + criteria.pageSize - 1)
          : this.redis.zrange(index, start, start + criteria.pageSize - 1),
      ]);
      return searchResult(await this.rows(stockId, skus), criteria, total);
    }
    const skus = await this.redis.zrange(index, 0, -1);
    const rows: ExportedQty[] = [];
    for (let i = 0; i < skus.length; i += SCAN_BATCH) {
      rows.push(...(await this.rows(stockId, skus.slice(i, i + SCAN_BATCH))));
    }
    const { items, totalCount } = filterInMemory(rows, criteria);
    return searchResult(items, criteria, totalCount);
  }

  private async stockOf(type: string, code: string): Promise<number> {
    const stock = await this.registry.stockOfChannel(type, code);
    if (!stock) throw msiNotFound('No linked stock found');
    return stock.stock_id;
  }

  private async rows(stockId: number, skus: readonly string[]): Promise<ExportedQty[]> {
    const results = await this.salable.many(
      stockId,
      skus.map((sku) => ({ sku })),
    );
    return skus.map((sku, i) => ({
      sku,
      qty: toUnits(results[i].salable_qty),
      is_salable: results[i].is_salable,
    }));
  }
}

function isPlainSkuPaging(criteria: SearchCriteria): boolean {
  return (
    criteria.filterGroups.length === 0 &&
    criteria.sortOrders.length === 1 &&
    criteria.sortOrders[0].field === 'sku'
  );
}
