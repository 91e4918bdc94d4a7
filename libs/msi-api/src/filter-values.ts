import { InputProblems } from './msi-input-error';
import { ConditionType, FieldKind, Filter, Scalar } from './search-schema';
import { SEARCH_MESSAGES as M } from './search-messages';

/** Bounds the work one query can ask for; well above what a Magento script sends. */
export const MAX_LIST_VALUES = 1000;

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const BOOLEANS: Readonly<Record<string, boolean>> = {
  '1': true,
  true: true,
  '0': false,
  false: false,
};

function convert(kind: FieldKind, raw: string): Scalar | undefined {
  if (kind === 'string') return raw;
  if (kind === 'number') {
    const n = NUMBER.test(raw.trim()) ? Number(raw) : NaN;
    return Number.isFinite(n) ? n : undefined; // 1e999 parses to Infinity
  }
  return BOOLEANS[raw.trim().toLowerCase()];
}

/** A trailing lone backslash escapes nothing; PostgreSQL rejects such a LIKE pattern. */
function danglingEscape(pattern: string): boolean {
  return (/\\*$/.exec(pattern)?.[0].length ?? 0) % 2 === 1;
}

/**
 * Converts a filter's raw value to the field's kind. Magento sends in/nin lists as one
 * comma-separated string; a qs array (`value[]=a&value[]=b`) is accepted too. List items are
 * trimmed because scripts write `a, b`.
 */
export function parseFilterValue(
  field: string,
  kind: FieldKind,
  conditionType: ConditionType,
  raw: unknown,
  valuePath: string,
  problems: InputProblems,
): Pick<Filter, 'value' | 'rawValue'> | undefined {
  const isList = conditionType === 'in' || conditionType === 'nin';
  const strings = Array.isArray(raw) && raw.every((v) => typeof v === 'string');
  const rawValue = strings && isList ? raw.join(',') : raw;
  if (conditionType === 'null' || conditionType === 'notnull')
    return { value: null, rawValue: typeof rawValue === 'string' ? rawValue : '' };
  if (rawValue === undefined) {
    problems.add(M.required, { fieldName: valuePath });
    return undefined;
  }
  if (typeof rawValue !== 'string') {
    problems.add(M.invalidValue, { value: JSON.stringify(rawValue), fieldName: field });
    return undefined;
  }
  const parts = isList ? rawValue.split(',').map((s) => s.trim()) : [rawValue];
  if (parts.length > MAX_LIST_VALUES) {
    problems.add(M.tooManyValues, { max: MAX_LIST_VALUES, fieldName: valuePath });
    return undefined;
  }
  const values = parts.map((p) => convert(kind, p));
  const bad = parts.filter((_, i) => values[i] === undefined);
  if (bad.length > 0) {
    for (const value of bad) problems.add(M.invalidValue, { value, fieldName: field });
    return undefined;
  }
  if ((conditionType === 'like' || conditionType === 'nlike') && danglingEscape(rawValue)) {
    problems.add(M.invalidValue, { value: rawValue, fieldName: field });
    return undefined;
  }
  const typed = values as Scalar[];
  return { value: isList ? typed : typed[0], rawValue };
}
