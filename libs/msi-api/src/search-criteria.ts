import { parseFilterGroups } from './filter-groups';
import { InputProblems } from './msi-input-error';
import { isRecord, listAt, nestedQuery, pick } from './query-shape';
import { SEARCH_MESSAGES as M } from './search-messages';
import { SearchCriteria, SearchSchema, SortOrder } from './search-schema';

/** Keeps OFFSET a safe integer whatever the page size. */
export const MAX_CURRENT_PAGE = 1_000_000_000;

const ROOT_KEYS = new Set([
  'filter_groups',
  'filterGroups',
  'sort_orders',
  'sortOrders',
  'page_size',
  'pageSize',
  'current_page',
  'currentPage',
]);

function parseSortOrders(
  sc: Record<string, unknown>,
  schema: SearchSchema,
  problems: InputProblems,
): SortOrder[] {
  const [key, raw] = pick(sc, 'sort_orders', 'sortOrders');
  const orders = listAt(raw, `searchCriteria[${key}]`, problems).flatMap(([i, o]): SortOrder[] => {
    const obj = isRecord(o) ? o : {};
    const { field, direction = 'ASC' } = obj;
    if (typeof field !== 'string' || field === '') {
      problems.add(M.required, { fieldName: `searchCriteria[${key}][${i}][field]` });
      return [];
    }
    const spec = Object.hasOwn(schema.fields, field) ? schema.fields[field] : undefined;
    if (!spec || spec.sortable === false) {
      problems.add(M.notSortable, { fieldName: field });
      return [];
    }
    const dir = typeof direction === 'string' ? direction.toUpperCase() : '';
    if (dir !== 'ASC' && dir !== 'DESC') {
      const fieldName = `searchCriteria[${key}][${i}][direction]`;
      problems.add(M.invalidValue, { value: String(direction), fieldName });
      return [];
    }
    return [{ field, direction: dir }];
  });
  return orders.length > 0 ? orders : [...schema.defaultSort];
}

function parseInteger(
  sc: Record<string, unknown>,
  keys: [string, string],
  max: number,
  fallback: number,
  problems: InputProblems,
): number {
  const [key, raw] = pick(sc, ...keys);
  if (raw === undefined || raw === '') return fallback;
  const n = typeof raw === 'string' && /^\+?\d{1,16}$/.test(raw.trim()) ? Number(raw) : NaN;
  if (!(n >= 1 && n <= max)) {
    problems.add(M.outOfRange, { fieldName: `searchCriteria[${key}]`, min: 1, max });
    return fallback;
  }
  return n;
}

/** qs reads `?searchCriteria&searchCriteria[pageSize]=5` as `['', {pageSize: '5'}]`. */
function withoutBareKey(raw: unknown): unknown {
  if (!Array.isArray(raw)) return raw;
  const rest = raw.filter((v) => v !== '');
  return rest.length <= 1 ? (rest[0] ?? '') : raw;
}

/**
 * Reads Magento's `searchCriteria` from a request query (nested or flat, see nestedQuery).
 * Every problem is reported at once as an MsiInputError. Without pageSize Magento returns
 * everything; here the page is capped at the schema's maxPageSize instead.
 */
export function parseSearchCriteria(query: unknown, schema: SearchSchema): SearchCriteria {
  const problems = new InputProblems();
  const raw = withoutBareKey(nestedQuery(query).searchCriteria);
  // `?searchCriteria` or `?searchCriteria=` is how Magento scripts ask for "everything".
  const sc = isRecord(raw) ? raw : {};
  if (raw !== undefined && raw !== '' && !isRecord(raw))
    problems.add(M.notAList, { fieldName: 'searchCriteria' });
  for (const key of Object.keys(sc))
    if (!ROOT_KEYS.has(key))
      problems.add(M.unknownParameter, { fieldName: `searchCriteria[${key}]` });
  const criteria: SearchCriteria = {
    schema,
    filterGroups: parseFilterGroups(sc, schema, problems),
    sortOrders: parseSortOrders(sc, schema, problems),
    pageSize: parseInteger(
      sc,
      ['page_size', 'pageSize'],
      schema.maxPageSize,
      schema.maxPageSize,
      problems,
    ),
    currentPage: parseInteger(sc, ['current_page', 'currentPage'], MAX_CURRENT_PAGE, 1, problems),
  };
  problems.throwIfAny();
  return criteria;
}
