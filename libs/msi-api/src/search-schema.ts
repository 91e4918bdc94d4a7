export type FieldKind = 'string' | 'number' | 'boolean';

export interface FieldSpec {
  kind: FieldKind;
  /** Whether clients may filter on the field; defaults to true. */
  filterable?: boolean;
  /** Whether clients may sort on the field; defaults to true. */
  sortable?: boolean;
}

export type SortDirection = 'ASC' | 'DESC';

export interface SortOrder {
  field: string;
  direction: SortDirection;
}

/** What one list endpoint lets clients search, declared once next to its query handler. */
export interface SearchSchema {
  fields: Readonly<Record<string, FieldSpec>>;
  /**
   * Fields that together identify a row (unique, never null). They end every ORDER BY so that
   * paging is deterministic even when the requested sort has ties.
   */
  key: readonly string[];
  /** Used when the client sends no sortOrders. */
  defaultSort: readonly SortOrder[];
  /** Upper bound of pageSize, and the page size when the client sends none. */
  maxPageSize: number;
}

export const CONDITION_TYPES = [
  'eq',
  'neq',
  'in',
  'nin',
  'like',
  'nlike',
  'gt',
  'lt',
  'gteq',
  'lteq',
  'from',
  'to',
  'null',
  'notnull',
] as const;

export type ConditionType = (typeof CONDITION_TYPES)[number];

export type Scalar = string | number | boolean;

/** A validated filter: `value` is already converted to the field's kind. */
export interface Filter {
  field: string;
  conditionType: ConditionType;
  /** A list for in/nin, null for null/notnull, otherwise one value. */
  value: Scalar | Scalar[] | null;
  /** The value as the client sent it, echoed back in search_criteria. */
  rawValue: string;
}

export interface SearchCriteria {
  schema: SearchSchema;
  /** Filters inside a group are ORed; the groups are ANDed (Magento's semantics). */
  filterGroups: Filter[][];
  /** The requested sort, or the schema's default; the key tiebreak is not included. */
  sortOrders: SortOrder[];
  pageSize: number;
  /** 1-based, as in Magento. */
  currentPage: number;
}

/** Which conditions make sense per kind: LIKE needs text, ranges need an order. */
export const CONDITIONS_BY_KIND: Readonly<Record<FieldKind, ReadonlySet<ConditionType>>> = {
  string: new Set(CONDITION_TYPES),
  number: new Set(CONDITION_TYPES.filter((c) => c !== 'like' && c !== 'nlike')),
  boolean: new Set<ConditionType>(['eq', 'neq', 'in', 'nin', 'null', 'notnull']),
};

/** Checks a schema once at module load; a mistake here is a programming error, not input. */
export function defineSearchSchema(schema: SearchSchema): SearchSchema {
  const known = (f: string): boolean => Object.hasOwn(schema.fields, f);
  const problems = [
    ...schema.key.filter((f) => !known(f)).map((f) => `key field "${f}" is not declared`),
    ...schema.defaultSort
      .filter((s) => !known(s.field))
      .map((s) => `default sort field "${s.field}" is not declared`),
  ];
  if (schema.key.length === 0) problems.push('key must name at least one field');
  if (!Number.isInteger(schema.maxPageSize) || schema.maxPageSize < 1)
    problems.push('maxPageSize must be a positive integer');
  if (problems.length > 0) throw new Error(`Invalid search schema: ${problems.join('; ')}`);
  return schema;
}
