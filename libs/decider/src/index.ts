export { fold, type Decider } from './decider';
export {
  ConflictError,
  DomainError,
  InvalidCommandError,
  isDomainError,
  NotFoundError,
  RuleViolationError,
  type DomainErrorKind,
} from './domain-error';
export { EVENT_ID_NAMESPACE, eventIdFor, randomEventId } from './event-ids';
export {
  ConcurrencyConflictError,
  handleCommand,
  type CommandStore,
  type EncodedEvent,
  type HandleCommandOptions,
  type HandleCommandResult,
} from './handle-command';
export { deciderSpec, DeciderExpectation } from './decider-spec';
