import * as qs from 'qs';
import { InputProblems } from './msi-input-error';
import { SEARCH_MESSAGES as M } from './search-messages';

/**
 * qs settings for Magento queries. `searchCriteria[filter_groups][0][filters][0][field]` is five
 * levels deep, so depth 6 leaves one spare; indexes above arrayLimit come back as objects with
 * numeric keys, which `entriesOf` accepts as well. Prototype keys are never honoured.
 */
export const MSI_QS_OPTIONS: qs.IParseOptions = {
  depth: 6,
  arrayLimit: 100,
  parameterLimit: 1000,
  allowPrototypes: false,
  allowDots: false,
};

/** A Fastify `querystringParser` that understands Magento's bracket syntax. */
export function parseMsiQueryString(raw: string): Record<string, unknown> {
  return qs.parse(raw, MSI_QS_OPTIONS);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Accepts the query either nested (qs, or an app whose adapter parses brackets) or flat, as
 * Fastify's default parser leaves it (`{'searchCriteria[pageSize]': '20'}`); flat keys are
 * re-encoded and parsed with qs so both arrive in the same shape.
 */
export function nestedQuery(query: unknown): Record<string, unknown> {
  if (!isRecord(query)) return {};
  if (!Object.keys(query).some((k) => k.includes('['))) return query;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    for (const v of Array.isArray(value) ? value : [value])
      if (typeof v === 'string') params.append(key, v);
  }
  return qs.parse(params.toString(), MSI_QS_OPTIONS);
}

/**
 * The items of a list as `[index, item]`, in index order: qs yields an array for small indexes
 * and an object with numeric keys for large or sparse ones. Anything else is not a list.
 */
export function entriesOf(value: unknown): [string, unknown][] | undefined {
  if (Array.isArray(value)) return value.map((v, i) => [String(i), v]);
  if (!isRecord(value)) return undefined;
  const keys = Object.keys(value);
  if (!keys.every((k) => /^\d+$/.test(k))) return undefined;
  return keys.sort((a, b) => Number(a) - Number(b)).map((k) => [k, value[k]]);
}

/**
 * Magento accepts each key in snake_case and camelCase (`filter_groups`, `filterGroups`).
 * Returns the spelling the client used, so error messages name what the client sent.
 */
export function pick(
  obj: Record<string, unknown>,
  snake: string,
  camel: string,
): [key: string, value: unknown] {
  if (obj[snake] !== undefined) return [snake, obj[snake]];
  return [camel, obj[camel]];
}

/** The entries of an optional list; anything present that is not a list is a problem. */
export function listAt(value: unknown, path: string, problems: InputProblems): [string, unknown][] {
  if (value === undefined || value === '') return [];
  const entries = entriesOf(value);
  if (!entries) problems.add(M.notAList, { fieldName: path });
  return entries ?? [];
}
