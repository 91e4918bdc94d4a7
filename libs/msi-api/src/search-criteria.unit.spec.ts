import { parseSearchCriteria } from './search-criteria';
import { criteriaFrom, sourceItemSchema as schema } from './source-items.fixture';

/** The query from the task description, as a Magento script sends it. */
const BRIEF_EXAMPLE =
  'searchCriteria[filter_groups][0][filters][0][field]=sku&searchCriteria[filter_groups][0][filters][0][value]=ABC%25' +
  '&searchCriteria[filter_groups][0][filters][0][condition_type]=like&searchCriteria[sortOrders][0][field]=quantity' +
  '&searchCriteria[sortOrders][0][direction]=DESC&searchCriteria[pageSize]=20&searchCriteria[currentPage]=2';

describe('parseSearchCriteria', () => {
  it('reads Magento nested query parameters', () => {
    const c = criteriaFrom(BRIEF_EXAMPLE);
    expect(c.filterGroups).toEqual([
      [{ field: 'sku', conditionType: 'like', value: 'ABC%', rawValue: 'ABC%' }],
    ]);
    expect(c.sortOrders).toEqual([{ field: 'quantity', direction: 'DESC' }]);
    expect([c.pageSize, c.currentPage]).toEqual([20, 2]);
  });

  it('reads the flat keys Fastify leaves by default the same way', () => {
    const flat = Object.fromEntries(new URLSearchParams(BRIEF_EXAMPLE));
    expect(parseSearchCriteria(flat, schema)).toEqual(criteriaFrom(BRIEF_EXAMPLE));
  });

  it('accepts camelCase keys and lists given as objects with numeric keys', () => {
    const c = parseSearchCriteria(
      {
        searchCriteria: {
          filterGroups: { '150': { filters: { '2': { field: 'status', value: '0' } } } },
          sort_orders: { '10': { field: 'sku', direction: 'asc' }, '9': { field: 'quantity' } },
          page_size: '5',
        },
      },
      schema,
    );
    expect(c.filterGroups).toEqual([
      [{ field: 'status', conditionType: 'eq', value: false, rawValue: '0' }],
    ]);
    expect(c.sortOrders.map((s) => `${s.field} ${s.direction}`)).toEqual([
      'quantity ASC',
      'sku ASC',
    ]);
    expect(c.pageSize).toBe(5);
  });

  it.each([undefined, '', {}])('applies the defaults for searchCriteria=%p', (searchCriteria) => {
    const c = parseSearchCriteria({ searchCriteria }, schema);
    expect(c).toMatchObject({ filterGroups: [], pageSize: 1000, currentPage: 1 });
    expect(c.sortOrders).toEqual(schema.defaultSort);
  });

  it('converts values to the field kind and splits in/nin lists', () => {
    const [[inList], [num], [bool], [isNull]] = criteriaFrom(
      'searchCriteria[filter_groups][0][filters][0][field]=source_code&searchCriteria[filter_groups][0][filters][0][value]=a, b,c' +
        '&searchCriteria[filter_groups][0][filters][0][condition_type]=nin' +
        '&searchCriteria[filter_groups][1][filters][0][field]=quantity&searchCriteria[filter_groups][1][filters][0][value]=-2.5e1' +
        '&searchCriteria[filter_groups][1][filters][0][condition_type]=gteq' +
        '&searchCriteria[filter_groups][2][filters][0][field]=status&searchCriteria[filter_groups][2][filters][0][value]=TRUE' +
        '&searchCriteria[filter_groups][3][filters][0][field]=note&searchCriteria[filter_groups][3][filters][0][condition_type]=null',
    ).filterGroups;
    expect(inList.value).toEqual(['a', 'b', 'c']);
    expect(num.value).toBe(-25);
    expect(bool.value).toBe(true);
    expect(isNull).toEqual({ field: 'note', conditionType: 'null', value: null, rawValue: '' });
  });

  it('drops filter groups without filters, as Magento does', () => {
    expect(
      parseSearchCriteria({ searchCriteria: { filter_groups: [{ filters: [] }] } }, schema)
        .filterGroups,
    ).toEqual([]);
  });

  it('ignores prototype keys instead of reading through them', () => {
    const c = criteriaFrom(
      'searchCriteria[__proto__][pageSize]=5&searchCriteria[constructor][x]=1',
    );
    expect(c.pageSize).toBe(1000);
  });

  it('reads a bare ?searchCriteria next to bracket keys', () => {
    expect(criteriaFrom('searchCriteria&searchCriteria[pageSize]=5').pageSize).toBe(5);
    const flat = { searchCriteria: '', 'searchCriteria[pageSize]': '5' };
    expect(parseSearchCriteria(flat, schema).pageSize).toBe(5);
  });

  it('takes an in list given as value[]= items', () => {
    const c = criteriaFrom(
      'searchCriteria[filter_groups][0][filters][0][field]=quantity&searchCriteria[filter_groups][0][filters][0][value][]=1' +
        '&searchCriteria[filter_groups][0][filters][0][value][]=2&searchCriteria[filter_groups][0][filters][0][condition_type]=in',
    );
    expect(c.filterGroups[0][0]).toMatchObject({ value: [1, 2], rawValue: '1,2' });
  });
});
