import { effectiveSort } from './filter-in-memory';
import { Filter, Scalar, SearchCriteria } from './search-schema';

/**
 * Where the criteria run. `table` and `columns` come from code, never from a request: a
 * client's field name is only ever used to look up its column here, so no client text reaches
 * the SQL except as a bound parameter.
 */
export interface SqlTarget {
  /** A table name or any trusted FROM item. */
  table: string;
  /** API field name -> SQL expression, e.g. `{ sku: 's.sku', quantity: 's.quantity' }`. */
  columns: Readonly<Record<string, string>>;
  /** How many `$n` the caller's own SQL already uses; ours start after them. */
  paramOffset?: number;
}

export interface SqlCriteria {
  /** `TRUE` when there are no filters, so `WHERE ${where}` always reads. */
  where: string;
  orderBy: string;
  limit: number;
  offset: number;
  /** The values of `where`'s parameters, `$(paramOffset + 1)` onwards. */
  values: unknown[];
}

export interface SqlStatement {
  text: string;
  values: unknown[];
}

const INT4_MAX = 2147483647;

class SqlBuilder {
  readonly values: unknown[] = [];
  constructor(
    private readonly criteria: SearchCriteria,
    private readonly target: SqlTarget,
  ) {}

  column(field: string): string {
    if (!Object.hasOwn(this.target.columns, field))
      throw new Error(`No SQL column is mapped for search field "${field}"`);
    return this.target.columns[field];
  }

  /** Strings compare in byte order, the same on every database and in filterInMemory. */
  ordered(field: string): string {
    const kind = this.criteria.schema.fields[field]?.kind;
    return kind === 'string' ? `(${this.column(field)} COLLATE "C")` : this.column(field);
  }

  /**
   * PostgreSQL types a parameter after the column it meets, so 1.5 or 1e12 against an integer
   * column would fail to parse; such values are cast to numeric. Plain ints stay uncast so an
   * index on the column remains usable.
   */
  param(value: Scalar | Scalar[]): string {
    this.values.push(value);
    const ref = `$${(this.target.paramOffset ?? 0) + this.values.length}`;
    const numbers = (Array.isArray(value) ? value : [value]).filter((v) => typeof v === 'number');
    const wide = numbers.some((n) => !Number.isInteger(n) || Math.abs(n) > INT4_MAX);
    return wide ? `${ref}::numeric${Array.isArray(value) ? '[]' : ''}` : ref;
  }

  condition(f: Filter): string {
    const col = this.column(f.field);
    const value = f.value as Scalar | Scalar[];
    switch (f.conditionType) {
      case 'null':
        return `${col} IS NULL`;
      case 'notnull':
        return `${col} IS NOT NULL`;
      case 'eq':
        return `${col} = ${this.param(value)}`;
      case 'neq':
        return `${col} <> ${this.param(value)}`;
      case 'in':
        return `${col} = ANY(${this.param(value)})`;
      case 'nin':
        return `${col} <> ALL(${this.param(value)})`;
      // ILIKE because Magento's MySQL collation makes LIKE case-insensitive.
      case 'like':
        return `${col} ILIKE ${this.param(value)}`;
      case 'nlike':
        return `${col} NOT ILIKE ${this.param(value)}`;
      case 'gt':
        return `${this.ordered(f.field)} > ${this.param(value)}`;
      case 'lt':
        return `${this.ordered(f.field)} < ${this.param(value)}`;
      case 'gteq':
      case 'from':
        return `${this.ordered(f.field)} >= ${this.param(value)}`;
      case 'lteq':
      case 'to':
        return `${this.ordered(f.field)} <= ${this.param(value)}`;
    }
  }
}

/**
 * The WHERE, ORDER BY and paging of a search. ORDER BY ends with the schema key for a total
 * order, and puts NULL first ascending and last descending, as MySQL (and filterInMemory) do.
 */
export function toSql(criteria: SearchCriteria, target: SqlTarget): SqlCriteria {
  const b = new SqlBuilder(criteria, target);
  const groups = criteria.filterGroups.map((g) => `(${g.map((f) => b.condition(f)).join(' OR ')})`);
  const orderBy = effectiveSort(criteria)
    .map(
      (s) =>
        `${b.ordered(s.field)} ${s.direction === 'DESC' ? 'DESC NULLS LAST' : 'ASC NULLS FIRST'}`,
    )
    .join(', ');
  return {
    where: groups.length > 0 ? groups.join(' AND ') : 'TRUE',
    orderBy,
    limit: criteria.pageSize,
    offset: (criteria.currentPage - 1) * criteria.pageSize,
    values: b.values,
  };
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** One page: every mapped column aliased to its API field name, LIMIT/OFFSET bound too. */
export function selectSql(criteria: SearchCriteria, target: SqlTarget): SqlStatement {
  const q = toSql(criteria, target);
  const n = (target.paramOffset ?? 0) + q.values.length;
  const select = Object.entries(target.columns)
    .map(([field, expr]) => `${expr} AS ${quoteIdent(field)}`)
    .join(', ');
  return {
    text: `SELECT ${select} FROM ${target.table} WHERE ${q.where} ORDER BY ${q.orderBy} LIMIT $${n + 1} OFFSET $${n + 2}`,
    values: [...q.values, q.limit, q.offset],
  };
}

/** total_count: the same filters without paging. int is enough for read-model tables. */
export function countSql(criteria: SearchCriteria, target: SqlTarget): SqlStatement {
  const q = toSql(criteria, target);
  return {
    text: `SELECT count(*)::int AS total_count FROM ${target.table} WHERE ${q.where}`,
    values: q.values,
  };
}
