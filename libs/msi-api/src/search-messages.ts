/**
 * Message templates for invalid searchCriteria, in Magento's `%placeholder` style. Clients
 * substitute `parameters` themselves, so these strings are part of the API: never reword one
 * that has shipped; add a new one instead. `invalidValue` and `required` are Magento's own
 * (InputException::invalidFieldValue and ::requiredField).
 */
export const SEARCH_MESSAGES = {
  notSearchable: '"%fieldName" is not a searchable field.',
  notSortable: '"%fieldName" is not a sortable field.',
  unknownCondition: 'Condition type "%conditionType" is not supported. Use one of: %supported.',
  conditionNotForKind:
    'Condition type "%conditionType" cannot be used with the "%fieldName" field (a %kind).',
  invalidValue: 'Invalid value of "%value" provided for the %fieldName field.',
  required: '"%fieldName" is required. Enter and try again.',
  outOfRange: '"%fieldName" must be an integer from %min to %max.',
  notAList: '"%fieldName" must be a list.',
  unknownParameter: '"%fieldName" is not a known searchCriteria parameter.',
  tooManyFilters: 'No more than %max filters are allowed in searchCriteria.',
  tooManyValues: 'No more than %max values are allowed in "%fieldName".',
} as const;
