import { parseMsiQueryString } from './query-shape';
import { parseSearchCriteria } from './search-criteria';
import { defineSearchSchema, SearchCriteria } from './search-schema';

/** A Magento-like source item read model, shared by the unit and int specs. */
export interface SourceItemRow {
  sku: string;
  source_code: string;
  quantity: number | null;
  status: boolean | null;
  note: string | null;
}

export const sourceItemSchema = defineSearchSchema({
  fields: {
    sku: { kind: 'string' },
    source_code: { kind: 'string' },
    quantity: { kind: 'number' },
    status: { kind: 'boolean' },
    note: { kind: 'string', sortable: false },
  },
  key: ['sku', 'source_code'],
  defaultSort: [{ field: 'sku', direction: 'ASC' }],
  maxPageSize: 1000,
});

const SOURCES = ['default', 'eu-1', 'us-1', 'US-2'];
const NOTES = ['Fragile', 'fragile glass', 'BULK', 'bulk_50%', 'keep dry'];

/**
 * 50 SKUs x 4 sources = 200 rows with the awkward cases in them: mixed case (byte order puts
 * `SKU-` before `sku-`), `_` and `%` inside values (LIKE must escape them), NULLs in every
 * nullable column, fractional and negative quantities, and many ties on quantity.
 */
export function sourceItemRows(): SourceItemRow[] {
  const skus = Array.from({ length: 50 }, (_, i) => {
    const n = String(i).padStart(3, '0');
    if (i === 3) return 'SKU_003';
    if (i === 4) return 'SKU%004';
    return i % 7 === 0 ? `sku-${n}` : `SKU-${n}`;
  });
  return skus.flatMap((sku, i) =>
    SOURCES.map((source_code, j) => {
      const k = i * 4 + j;
      return {
        sku,
        source_code,
        quantity: k % 13 === 0 ? null : (((i * 37 + j * 11) % 23) - 3) / (k % 5 === 0 ? 2 : 1),
        status: k % 3 === 0 ? null : k % 2 === 0,
        note: k % 5 === 0 ? null : NOTES[i % NOTES.length],
      };
    }),
  );
}

/** Criteria from a Magento query string, as a controller would receive it. */
export function criteriaFrom(query: string): SearchCriteria {
  return parseSearchCriteria(parseMsiQueryString(query), sourceItemSchema);
}
