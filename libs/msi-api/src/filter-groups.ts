import { parseFilterValue } from './filter-values';
import { InputProblems } from './msi-input-error';
import { isRecord, listAt, pick } from './query-shape';
import { SEARCH_MESSAGES as M } from './search-messages';
import {
  CONDITION_TYPES,
  CONDITIONS_BY_KIND,
  ConditionType,
  Filter,
  SearchSchema,
} from './search-schema';

/** Bounds the SQL one request can produce; a Magento script sends a handful. */
export const MAX_FILTERS = 100;

function parseFilter(
  raw: unknown,
  path: string,
  schema: SearchSchema,
  problems: InputProblems,
): Filter | undefined {
  const obj = isRecord(raw) ? raw : {};
  const field = obj.field;
  const [, ct] = pick(obj, 'condition_type', 'conditionType');
  if (typeof field !== 'string' || field === '') {
    problems.add(M.required, { fieldName: `${path}[field]` });
    return undefined;
  }
  const spec = Object.hasOwn(schema.fields, field) ? schema.fields[field] : undefined;
  if (!spec || spec.filterable === false) {
    problems.add(M.notSearchable, { fieldName: field });
    return undefined;
  }
  const conditionType = ct === undefined || ct === '' ? 'eq' : ct;
  if (!CONDITION_TYPES.includes(conditionType as ConditionType)) {
    const shown = typeof conditionType === 'string' ? conditionType : JSON.stringify(conditionType);
    problems.add(M.unknownCondition, {
      conditionType: shown,
      supported: CONDITION_TYPES.join(', '),
    });
    return undefined;
  }
  const condition = conditionType as ConditionType;
  if (!CONDITIONS_BY_KIND[spec.kind].has(condition)) {
    problems.add(M.conditionNotForKind, {
      conditionType: condition,
      fieldName: field,
      kind: spec.kind,
    });
    return undefined;
  }
  const parsed = parseFilterValue(
    field,
    spec.kind,
    condition,
    obj.value,
    `${path}[value]`,
    problems,
  );
  return parsed && { field, conditionType: condition, ...parsed };
}

export function parseFilterGroups(
  sc: Record<string, unknown>,
  schema: SearchSchema,
  problems: InputProblems,
): Filter[][] {
  const [key, groups] = pick(sc, 'filter_groups', 'filterGroups');
  const result = listAt(groups, `searchCriteria[${key}]`, problems).map(([i, group]) => {
    const path = `searchCriteria[${key}][${i}][filters]`;
    const filters = listAt(isRecord(group) ? group.filters : group, path, problems);
    return filters
      .map(([j, f]) => parseFilter(f, `${path}[${j}]`, schema, problems))
      .filter((f): f is Filter => f !== undefined);
  });
  const count = result.reduce((n, g) => n + g.length, 0);
  if (count > MAX_FILTERS) problems.add(M.tooManyFilters, { max: MAX_FILTERS });
  // A group without filters constrains nothing; Magento skips it too.
  return result.filter((g) => g.length > 0);
}
