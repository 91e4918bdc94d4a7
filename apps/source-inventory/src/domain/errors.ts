// Magento-style domain errors are shared by every service's domain (libs/kernel).
export {
  conflict,
  invalid,
  msiMessage,
  notFound,
  renderMessage,
  ruleViolation,
  throwIfInvalid,
  ValidationFailedError,
  VALIDATION_FAILED_MESSAGE,
  type MessageParameters,
  type MsiMessage,
} from '@inventory/kernel';
