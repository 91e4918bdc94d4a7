import { searchResult } from './search-result';
import { criteriaFrom } from './source-items.fixture';

describe('searchResult', () => {
  it('echoes the applied criteria the way Magento does', () => {
    const criteria = criteriaFrom(
      'searchCriteria[filter_groups][0][filters][0][field]=quantity&searchCriteria[filter_groups][0][filters][0][value]=1, 2' +
        '&searchCriteria[filter_groups][0][filters][0][condition_type]=in' +
        '&searchCriteria[filter_groups][0][filters][1][field]=sku&searchCriteria[filter_groups][0][filters][1][value]=A' +
        '&searchCriteria[sortOrders][0][field]=quantity&searchCriteria[sortOrders][0][direction]=desc&searchCriteria[pageSize]=10',
    );
    expect(searchResult([{ sku: 'A' }], criteria, 41)).toEqual({
      items: [{ sku: 'A' }],
      search_criteria: {
        filter_groups: [
          {
            filters: [
              { field: 'quantity', value: '1, 2', condition_type: 'in' },
              { field: 'sku', value: 'A', condition_type: 'eq' },
            ],
          },
        ],
        sort_orders: [{ field: 'quantity', direction: 'DESC' }],
        page_size: 10,
        current_page: 1,
      },
      total_count: 41,
    });
  });

  it('shows the default sort and the page-size cap when the client sent none', () => {
    expect(searchResult([], criteriaFrom('searchCriteria'), 0).search_criteria).toEqual({
      filter_groups: [],
      sort_orders: [{ field: 'sku', direction: 'ASC' }],
      page_size: 1000,
      current_page: 1,
    });
  });
});
