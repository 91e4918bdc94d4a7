export {
  CONDITION_TYPES,
  CONDITIONS_BY_KIND,
  defineSearchSchema,
  type ConditionType,
  type FieldKind,
  type FieldSpec,
  type Filter,
  type Scalar,
  type SearchCriteria,
  type SearchSchema,
  type SortDirection,
  type SortOrder,
} from './search-schema';
export { MAX_CURRENT_PAGE, parseSearchCriteria } from './search-criteria';
export { MAX_FILTERS } from './filter-groups';
export { MAX_LIST_VALUES } from './filter-values';
export { SEARCH_MESSAGES } from './search-messages';
export { MSI_QS_OPTIONS, parseMsiQueryString } from './query-shape';
export {
  searchCriteriaEcho,
  searchResult,
  type MagentoSearchCriteria,
  type MagentoSearchResult,
} from './search-result';
export { effectiveSort, filterInMemory, likeToRegExp, matchesFilter } from './filter-in-memory';
export {
  countSql,
  selectSql,
  toSql,
  type SqlCriteria,
  type SqlStatement,
  type SqlTarget,
} from './search-sql';
export { AGGREGATE_INPUT_MESSAGE, MsiInputError } from './msi-input-error';
export { renderTemplate, type MsiMessage, type MsiParameters } from './template';
export {
  msiBadRequest,
  MsiBadRequestException,
  MsiHttpException,
  msiNotFound,
  MsiNotFoundException,
  msiValidation,
  MsiValidationException,
  VALIDATION_FAILED,
  type MsiErrorBody,
  type MsiErrorItem,
} from './msi-errors';
export {
  BODY_TOO_LARGE_MESSAGE,
  EMPTY_JSON_MESSAGE,
  INVALID_JSON_MESSAGE,
} from './request-body-errors';
export {
  DOMAIN_STATUS,
  INTERNAL_ERROR_MESSAGE,
  newReportId,
  toMsiResponse,
  type MsiResponse,
} from './to-msi-response';
export { MsiExceptionFilter } from './msi-exception.filter';
