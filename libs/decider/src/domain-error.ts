/**
 * How a transport should treat a domain error, independent of its code:
 * - `invalid`: the command itself is malformed or out of range (HTTP 400; Kafka: dead-letter);
 * - `not_found`: it refers to something that does not exist (HTTP 404; Kafka: dead-letter);
 * - `conflict`: it clashes with the current state, e.g. creating what exists, or concurrent
 *   writers kept winning (HTTP 409; Kafka: retry for CONCURRENCY_CONFLICT, else reject);
 * - `rejected`: a business rule says no, e.g. insufficient stock (HTTP 422; Kafka: publish the
 *   rejection as an outcome).
 */
export type DomainErrorKind = 'invalid' | 'not_found' | 'conflict' | 'rejected';

/**
 * Base of the domain's errors. `code` is stable (UPPER_SNAKE_CASE, never renamed) so that
 * clients, exception filters and tests can rely on it; the message is for humans.
 */
export abstract class DomainError<Code extends string = string> extends Error {
  abstract readonly kind: DomainErrorKind;

  constructor(
    readonly code: Code,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class InvalidCommandError<Code extends string = string> extends DomainError<Code> {
  readonly kind = 'invalid' as const;
}

export class NotFoundError<Code extends string = string> extends DomainError<Code> {
  readonly kind = 'not_found' as const;
}

export class ConflictError<Code extends string = string> extends DomainError<Code> {
  readonly kind = 'conflict' as const;
}

export class RuleViolationError<Code extends string = string> extends DomainError<Code> {
  readonly kind = 'rejected' as const;
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
