import { filterInMemory, likeToRegExp, matchesFilter } from './filter-in-memory';
import { Filter } from './search-schema';
import { criteriaFrom, sourceItemRows } from './source-items.fixture';

const filter = (conditionType: Filter['conditionType'], value: Filter['value']): Filter => ({
  field: 'v',
  conditionType,
  value,
  rawValue: String(value),
});

describe('likeToRegExp', () => {
  it.each([
    ['ABC%', 'abcdef', true],
    ['ABC%', 'xabc', false],
    ['a_c', 'aXc', true],
    ['a_c', 'ac', false],
    ['a\\_c', 'aXc', false],
    ['a\\_c', 'a_c', true],
    ['100\\%', '100%', true],
    ['100\\%', '1000', false],
    ['(a+)?[b]', '(A+)?[B]', true],
    ['%', 'line1\nline2', true],
    ['_', '😀', true],
  ])('%s against %j -> %s', (pattern, text, expected) => {
    expect(likeToRegExp(pattern).test(text)).toBe(expected);
  });
});

describe('matchesFilter follows SQL three-valued logic', () => {
  it.each([
    ['eq', 3, 3, true],
    ['neq', null, 3, false],
    ['in', null, [3], false],
    ['nin', null, [3], false],
    ['nin', null, [], true],
    ['nin', 4, [3, 5], true],
    ['like', null, '%', false],
    ['nlike', null, 'x', false],
    ['null', null, null, true],
    ['notnull', 0, null, true],
    ['gt', 'b', 'a', true],
    ['lt', 'B', 'a', true],
    ['from', 3, 3, true],
    ['to', 4, 3, false],
    ['eq', false, false, true],
  ] as const)('%s: row %p vs %p -> %s', (type, row, value, expected) => {
    const v = (Array.isArray(value) ? [...value] : value) as Filter['value'];
    expect(matchesFilter({ v: row }, filter(type, v))).toBe(expected);
  });
});

describe('filterInMemory', () => {
  const rows = sourceItemRows();

  it('ORs filters within a group and ANDs the groups', () => {
    const { items } = filterInMemory(
      rows,
      criteriaFrom(
        'searchCriteria[filter_groups][0][filters][0][field]=sku&searchCriteria[filter_groups][0][filters][0][value]=SKU-001' +
          '&searchCriteria[filter_groups][0][filters][1][field]=sku&searchCriteria[filter_groups][0][filters][1][value]=SKU-002' +
          '&searchCriteria[filter_groups][1][filters][0][field]=source_code&searchCriteria[filter_groups][1][filters][0][value]=eu-1',
      ),
    );
    expect(items.map((r) => `${r.sku}@${r.source_code}`)).toEqual(['SKU-001@eu-1', 'SKU-002@eu-1']);
  });

  it('sorts NULL first ascending, last descending, and breaks ties by the key', () => {
    const asc = filterInMemory(
      rows,
      criteriaFrom('searchCriteria[sortOrders][0][field]=quantity'),
    ).items;
    const desc = filterInMemory(
      rows,
      criteriaFrom(
        'searchCriteria[sortOrders][0][field]=quantity&searchCriteria[sortOrders][0][direction]=DESC',
      ),
    ).items;
    const nulls = rows.filter((r) => r.quantity === null).length;
    expect(asc.slice(0, nulls).every((r) => r.quantity === null)).toBe(true);
    expect(desc.slice(-nulls).every((r) => r.quantity === null)).toBe(true);
    const tied = asc
      .filter((r) => r.quantity === asc[nulls].quantity)
      .map((r) => `${r.sku}@${r.source_code}`);
    expect(tied).toEqual([...tied].sort());
  });

  it('cuts out the requested page and counts every match', () => {
    const page = filterInMemory(
      rows,
      criteriaFrom('searchCriteria[pageSize]=30&searchCriteria[currentPage]=7'),
    );
    expect(page.totalCount).toBe(200);
    expect(page.items).toHaveLength(20);
    expect(page.items[0]).toBe(filterInMemory(rows, criteriaFrom('')).items[180]);
  });
});
