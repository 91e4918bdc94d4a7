import { isDomainError } from '@inventory/decider';
import * as qs from 'qs';
import { AGGREGATE_INPUT_MESSAGE, MsiInputError } from './msi-input-error';
import { parseSearchCriteria } from './search-criteria';
import { sourceItemSchema as schema } from './source-items.fixture';

function inputErrorOf(query: unknown): MsiInputError {
  try {
    parseSearchCriteria(query, schema);
  } catch (e) {
    if (e instanceof MsiInputError) return e;
    throw e;
  }
  throw new Error('expected an MsiInputError');
}

const errorOf = (q: string): MsiInputError => inputErrorOf(qs.parse(q));

describe('parseSearchCriteria rejects bad input with Magento-style messages', () => {
  const filter = (field: string, value: string, type = 'eq'): string =>
    `searchCriteria[filter_groups][0][filters][0][field]=${field}&searchCriteria[filter_groups][0][filters][0][value]=${value}` +
    `&searchCriteria[filter_groups][0][filters][0][condition_type]=${type}`;

  it.each([
    [
      'an unknown field',
      filter('foo', '1'),
      '"%fieldName" is not a searchable field.',
      { fieldName: 'foo' },
    ],
    [
      'an unknown condition type',
      filter('sku', '1', 'regexp'),
      'Condition type "%conditionType" is not supported. Use one of: %supported.',
      {
        conditionType: 'regexp',
        supported: 'eq, neq, in, nin, like, nlike, gt, lt, gteq, lteq, from, to, null, notnull',
      },
    ],
    [
      'like on a number field',
      filter('quantity', '1%', 'like'),
      'Condition type "%conditionType" cannot be used with the "%fieldName" field (a %kind).',
      { conditionType: 'like', fieldName: 'quantity', kind: 'number' },
    ],
    [
      'a non-numeric value for a number field',
      filter('quantity', '12abc', 'gt'),
      'Invalid value of "%value" provided for the %fieldName field.',
      { value: '12abc', fieldName: 'quantity' },
    ],
    [
      'a bad item in an in list',
      filter('quantity', '1,x', 'in'),
      'Invalid value of "%value" provided for the %fieldName field.',
      { value: 'x', fieldName: 'quantity' },
    ],
    [
      'a LIKE pattern ending in a lone backslash',
      filter('sku', 'AB%5C', 'like'),
      'Invalid value of "%value" provided for the %fieldName field.',
      { value: 'AB\\', fieldName: 'sku' },
    ],
    [
      'a missing value',
      'searchCriteria[filter_groups][0][filters][0][field]=sku',
      '"%fieldName" is required. Enter and try again.',
      { fieldName: 'searchCriteria[filter_groups][0][filters][0][value]' },
    ],
    [
      'a filter without a field',
      'searchCriteria[filter_groups][0][filters][0][value]=1',
      '"%fieldName" is required. Enter and try again.',
      { fieldName: 'searchCriteria[filter_groups][0][filters][0][field]' },
    ],
    [
      'sorting on a non-sortable field',
      'searchCriteria[sortOrders][0][field]=note',
      '"%fieldName" is not a sortable field.',
      { fieldName: 'note' },
    ],
    [
      'an unknown sort direction',
      'searchCriteria[sortOrders][0][field]=sku&searchCriteria[sortOrders][0][direction]=UP',
      'Invalid value of "%value" provided for the %fieldName field.',
      { value: 'UP', fieldName: 'searchCriteria[sortOrders][0][direction]' },
    ],
    [
      'pageSize 0',
      'searchCriteria[pageSize]=0',
      '"%fieldName" must be an integer from %min to %max.',
      { fieldName: 'searchCriteria[pageSize]', min: 1, max: 1000 },
    ],
    [
      'pageSize above the maximum',
      'searchCriteria[page_size]=1001',
      '"%fieldName" must be an integer from %min to %max.',
      { fieldName: 'searchCriteria[page_size]', min: 1, max: 1000 },
    ],
    [
      'currentPage 0',
      'searchCriteria[currentPage]=0',
      '"%fieldName" must be an integer from %min to %max.',
      { fieldName: 'searchCriteria[currentPage]', min: 1, max: 1_000_000_000 },
    ],
    [
      'a fractional currentPage',
      'searchCriteria[currentPage]=1.5',
      '"%fieldName" must be an integer from %min to %max.',
      { fieldName: 'searchCriteria[currentPage]', min: 1, max: 1_000_000_000 },
    ],
    [
      'an unknown parameter',
      'searchCriteria[limit]=5',
      '"%fieldName" is not a known searchCriteria parameter.',
      { fieldName: 'searchCriteria[limit]' },
    ],
    [
      'filter_groups that is not a list',
      'searchCriteria[filter_groups]=sku',
      '"%fieldName" must be a list.',
      { fieldName: 'searchCriteria[filter_groups]' },
    ],
  ])('%s', (_case, query, message, parameters) => {
    const e = errorOf(query);
    expect(e.errors).toEqual([{ message, parameters }]);
    expect(e.message).toBe(message);
    expect(e.details).toEqual({ parameters });
  });

  it('reports every problem at once, under Magento aggregate message', () => {
    const e = errorOf(
      `${filter('foo', '1')}&searchCriteria[pageSize]=0&searchCriteria[sortOrders][0][field]=bar`,
    );
    expect(e.message).toBe(AGGREGATE_INPUT_MESSAGE);
    expect(e.errors.map((x) => x.parameters)).toEqual([
      { fieldName: 'foo' },
      { fieldName: 'bar' },
      { fieldName: 'searchCriteria[pageSize]', min: 1, max: 1000 },
    ]);
    expect(e.details).toEqual({ errors: e.errors });
    expect(e.describe()[0]).toBe('"foo" is not a searchable field.');
  });

  it('is an invalid-command domain error, so any transport maps it to a client error', () => {
    const e = errorOf(filter('foo', '1'));
    expect(isDomainError(e)).toBe(true);
    expect([e.kind, e.code]).toEqual(['invalid', 'INVALID_SEARCH_CRITERIA']);
  });

  it('bounds the number of filters', () => {
    const many = Array.from({ length: 101 }, (_, i) => ({ field: 'sku', value: `S${i}` }));
    const e = inputErrorOf({ searchCriteria: { filter_groups: [{ filters: many }] } });
    expect(e.errors).toEqual([
      {
        message: 'No more than %max filters are allowed in searchCriteria.',
        parameters: { max: 100 },
      },
    ]);
  });
});
