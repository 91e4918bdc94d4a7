import { Inject, Injectable } from '@nestjs/common';
import { Pool } from 'pg';
import {
  MagentoSearchResult,
  SearchSchema,
  countSql,
  defineSearchSchema,
  parseSearchCriteria,
  searchResult,
  selectSql,
} from '@inventory/msi-api';
import { PG_POOL } from '@inventory/service-kit';
import { SOURCE_ITEMS_TABLE } from '../read-model/source-items.projection';
import { SOURCES_TABLE } from '../read-model/sources.projection';

export interface SourceItemRow {
  source_code: string;
  sku: string;
  quantity: number;
  status: number;
}

export const SOURCE_ITEMS_SEARCH = defineSearchSchema({
  fields: {
    source_code: { kind: 'string' },
    sku: { kind: 'string' },
    quantity: { kind: 'number' },
    status: { kind: 'number' },
  },
  key: ['source_code', 'sku'],
  defaultSort: [{ field: 'source_code', direction: 'ASC' }],
  maxPageSize: 1000,
});

export const LOW_STOCK_SEARCH = defineSearchSchema({
  fields: { ...SOURCE_ITEMS_SEARCH.fields, notify_stock_qty: { kind: 'number' } },
  key: ['source_code', 'sku'],
  defaultSort: [{ field: 'quantity', direction: 'ASC' }],
  maxPageSize: 1000,
});

/** Source-item lists and the low-stock report, from the PostgreSQL read model. */
@Injectable()
export class SourceItemsQuery {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  search(query: unknown): Promise<MagentoSearchResult<SourceItemRow>> {
    return this.run(query, SOURCE_ITEMS_SEARCH, SOURCE_ITEMS_TABLE, {
      source_code: 'source_code',
      sku: 'sku',
      quantity: 'quantity::float8',
      status: 'status::int',
    });
  }

  /**
   * Items in enabled sources, in stock, with quantity above 0 and below their threshold (their own
   * notify_stock_qty, else the global default), lowest first.
   */
  lowStock(
    query: unknown,
    defaultNotifyQty: number,
  ): Promise<MagentoSearchResult<SourceItemRow & { notify_stock_qty: number }>> {
    const table = `(SELECT i.source_code, i.sku, i.quantity, i.status,
        COALESCE(i.notify_stock_qty, ${Number(defaultNotifyQty)}) AS notify_stock_qty
      FROM ${SOURCE_ITEMS_TABLE} i JOIN ${SOURCES_TABLE} s ON s.source_code = i.source_code
      WHERE s.enabled AND i.status = 1 AND i.quantity > 0
        AND i.quantity < COALESCE(i.notify_stock_qty, ${Number(defaultNotifyQty)})) AS low`;
    return this.run(query, LOW_STOCK_SEARCH, table, {
      source_code: 'source_code',
      sku: 'sku',
      quantity: 'quantity::float8',
      status: 'status::int',
      notify_stock_qty: 'notify_stock_qty::float8',
    });
  }

  async lowQuantityConfig(
    sourceCode: string,
    sku: string,
  ): Promise<{ source_code: string; sku: string; notify_stock_qty: number | null } | null> {
    const { rows } = await this.pool.query(
      `SELECT source_code, sku, notify_stock_qty::float8 AS notify_stock_qty FROM ${SOURCE_ITEMS_TABLE} WHERE source_code = $1 AND sku = $2`,
      [sourceCode, sku],
    );
    return rows[0] ?? null;
  }

  private async run<T>(
    query: unknown,
    schema: SearchSchema,
    table: string,
    columns: Record<string, string>,
  ): Promise<MagentoSearchResult<T>> {
    const criteria = parseSearchCriteria(query, schema);
    const target = { table, columns };
    const select = selectSql(criteria, target);
    const count = countSql(criteria, target);
    const [rows, total] = await Promise.all([
      this.pool.query(select.text, select.values),
      this.pool.query(count.text, count.values),
    ]);
    return searchResult(rows.rows as T[], criteria, total.rows[0].total_count);
  }
}
