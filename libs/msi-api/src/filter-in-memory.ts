import { Filter, Scalar, SearchCriteria, SortOrder } from './search-schema';

type Row = object;

function valueOf(row: Row, field: string): Scalar | null {
  const v = (row as Record<string, unknown>)[field];
  return v === undefined || v === null ? null : (v as Scalar);
}

/** Code-unit order for strings: what `COLLATE "C"` gives in search-sql for ASCII and BMP text. */
function compare(a: Scalar, b: Scalar): number {
  const x = typeof a === 'boolean' ? Number(a) : a;
  const y = typeof b === 'boolean' ? Number(b) : b;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** SQL LIKE as PostgreSQL reads it: `%` any run, `_` one character, `\` escapes the next. */
export function likeToRegExp(pattern: string): RegExp {
  const chars = [...pattern]; // code points, as PostgreSQL's `_` matches one character
  let source = '';
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (c === '\\' && i + 1 < chars.length) source += escape(chars[++i]);
    else if (c === '%') source += '.*';
    else if (c === '_') source += '.';
    else source += escape(c);
  }
  return new RegExp(`^${source}$`, 'isu');
}

/** Only syntax characters: the `u` flag rejects identity escapes such as `\-`. */
function escape(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** One filter with SQL's three-valued logic: a comparison with NULL never matches. */
export function matchesFilter(row: Row, f: Filter): boolean {
  const v = valueOf(row, f.field);
  if (f.conditionType === 'null') return v === null;
  if (f.conditionType === 'notnull') return v !== null;
  const list = Array.isArray(f.value) ? f.value : [];
  // `NULL <> ALL('{}')` is true in SQL: ALL over nothing holds whatever the left side.
  if (v === null) return f.conditionType === 'nin' && list.length === 0;
  const value = f.value as Scalar;
  switch (f.conditionType) {
    case 'eq':
      return compare(v, value) === 0;
    case 'neq':
      return compare(v, value) !== 0;
    case 'in':
      return list.some((x) => compare(v, x) === 0);
    case 'nin':
      return list.every((x) => compare(v, x) !== 0);
    case 'like':
      return likeToRegExp(String(value)).test(String(v));
    case 'nlike':
      return !likeToRegExp(String(value)).test(String(v));
    case 'gt':
      return compare(v, value) > 0;
    case 'lt':
      return compare(v, value) < 0;
    case 'gteq':
    case 'from':
      return compare(v, value) >= 0;
    case 'lteq':
    case 'to':
      return compare(v, value) <= 0;
  }
}

/** NULL is the smallest value (MySQL's order, which search-sql reproduces with NULLS FIRST/LAST). */
function byOrders(orders: readonly SortOrder[]): (a: Row, b: Row) => number {
  return (a, b) => {
    for (const { field, direction } of orders) {
      const x = valueOf(a, field);
      const y = valueOf(b, field);
      const c = x === null || y === null ? Number(y === null) - Number(x === null) : compare(x, y);
      if (c !== 0) return direction === 'DESC' ? -c : c;
    }
    return 0;
  };
}

/** The requested sort followed by the schema key, so the order is total and paging stable. */
export function effectiveSort(criteria: SearchCriteria): SortOrder[] {
  const sorted = new Set(criteria.sortOrders.map((s) => s.field));
  const tiebreak = criteria.schema.key.filter((k) => !sorted.has(k));
  return [
    ...criteria.sortOrders,
    ...tiebreak.map((field) => ({ field, direction: 'ASC' as const })),
  ];
}

/**
 * The reference semantics of searchCriteria, also fit for small read models held in memory:
 * filters ORed within a group and groups ANDed, sorted, then one page cut out.
 */
export function filterInMemory<T extends Row>(
  rows: readonly T[],
  criteria: SearchCriteria,
): { items: T[]; totalCount: number } {
  const matching = rows.filter((row) =>
    criteria.filterGroups.every((group) => group.some((f) => matchesFilter(row, f))),
  );
  matching.sort(byOrders(effectiveSort(criteria)));
  const start = (criteria.currentPage - 1) * criteria.pageSize;
  return { items: matching.slice(start, start + criteria.pageSize), totalCount: matching.length };
}
