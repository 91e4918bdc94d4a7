import { ConditionType, SearchCriteria, SortDirection } from './search-schema';

/** The `search_criteria` object Magento echoes in every list response. */
export interface MagentoSearchCriteria {
  filter_groups: { filters: { field: string; value: string; condition_type: ConditionType }[] }[];
  sort_orders: { field: string; direction: SortDirection }[];
  page_size: number;
  current_page: number;
}

export interface MagentoSearchResult<T> {
  items: T[];
  search_criteria: MagentoSearchCriteria;
  total_count: number;
}

/**
 * Echoes the criteria as applied: values as the client sent them (strings, like Magento),
 * condition_type explicit (`eq` when omitted), and the effective sort and page size, so a
 * client sees the default sort and the page-size cap it actually got.
 */
export function searchCriteriaEcho(criteria: SearchCriteria): MagentoSearchCriteria {
  return {
    filter_groups: criteria.filterGroups.map((group) => ({
      filters: group.map((f) => ({
        field: f.field,
        value: f.rawValue,
        condition_type: f.conditionType,
      })),
    })),
    sort_orders: criteria.sortOrders.map((s) => ({ field: s.field, direction: s.direction })),
    page_size: criteria.pageSize,
    current_page: criteria.currentPage,
  };
}

/** Magento's list response body: `{items, search_criteria, total_count}`. */
export function searchResult<T>(
  items: T[],
  criteria: SearchCriteria,
  totalCount: number,
): MagentoSearchResult<T> {
  return { items, search_criteria: searchCriteriaEcho(criteria), total_count: totalCount };
}
