import { Inject, Injectable } from '@nestjs/common';
import { Pool } from 'pg';
import type { SourceData } from '@inventory/contracts';
import {
  MagentoSearchResult,
  countSql,
  defineSearchSchema,
  parseSearchCriteria,
  searchResult,
  toSql,
} from '@inventory/msi-api';
import { PG_POOL } from '@inventory/service-kit';
import { SOURCES_TABLE } from '../read-model/sources.projection';

export const SOURCES_SEARCH = defineSearchSchema({
  fields: {
    source_code: { kind: 'string' },
    name: { kind: 'string' },
    enabled: { kind: 'boolean' },
    country_id: { kind: 'string' },
    postcode: { kind: 'string' },
    region: { kind: 'string' },
    city: { kind: 'string' },
    is_pickup_location_active: { kind: 'boolean' },
  },
  key: ['source_code'],
  defaultSort: [{ field: 'source_code', direction: 'ASC' }],
  maxPageSize: 1000,
});

const TARGET = {
  table: SOURCES_TABLE,
  columns: Object.fromEntries(Object.keys(SOURCES_SEARCH.fields).map((f) => [f, f])),
};

/** GET /V1/inventory/sources?searchCriteria...: served from the PostgreSQL read model. */
@Injectable()
export class SourcesQuery {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async search(query: unknown): Promise<MagentoSearchResult<SourceData>> {
    const criteria = parseSearchCriteria(query, SOURCES_SEARCH);
    const q = toSql(criteria, TARGET);
    const n = q.values.length;
    const count = countSql(criteria, TARGET);
    const [rows, total] = await Promise.all([
      this.pool.query<{ data: SourceData }>(
        `SELECT data FROM ${SOURCES_TABLE} WHERE ${q.where} ORDER BY ${q.orderBy} LIMIT $${n + 1} OFFSET $${n + 2}`,
        [...q.values, q.limit, q.offset],
      ),
      this.pool.query<{ total_count: number }>(count.text, count.values),
    ]);
    return searchResult(
      rows.rows.map((r) => r.data),
      criteria,
      total.rows[0].total_count,
    );
  }
}
