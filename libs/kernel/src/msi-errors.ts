import {
  ConflictError,
  InvalidCommandError,
  NotFoundError,
  RuleViolationError,
} from '@inventory/decider';

/** Values for a Magento phrase's `%name` placeholders. */
export type MessageParameters = Readonly<Record<string, string | number>>;

/**
 * One problem in Magento's web API form: `message` is the template (`"%field" can not be
 * empty.`), `parameters` fill it. Clients substitute themselves, so both travel unrendered.
 */
export interface MsiMessage {
  message: string;
  parameters: MessageParameters;
}

export const VALIDATION_FAILED_MESSAGE = 'Validation Failed';

/** Substitutes `%name` placeholders once (values are not rescanned); unknown ones stay. */
export function renderMessage({ message, parameters }: MsiMessage): string {
  return message.replace(/%(\w+)/g, (placeholder, name: string) =>
    Object.prototype.hasOwnProperty.call(parameters, name) ? String(parameters[name]) : placeholder,
  );
}

export function msiMessage(message: string, parameters: MessageParameters = {}): MsiMessage {
  return { message, parameters };
}

/**
 * Every error of this domain has a human `message` (rendered) and, in `details`, the MSI
 * `template` and `parameters`, so an HTTP filter can answer `{ message, parameters }` exactly
 * as Magento does.
 */
function msiDetails(template: string, parameters: MessageParameters, extra: object) {
  return { ...extra, template, parameters };
}

/**
 * Invalid input, with every problem found at once (MSI's ValidationException). The HTTP form
 * is `{ message: "Validation Failed", errors: [{ message, parameters }, ...] }`.
 */
export class ValidationFailedError extends InvalidCommandError<'VALIDATION_FAILED'> {
  readonly errors: readonly MsiMessage[];

  constructor(errors: readonly MsiMessage[]) {
    super('VALIDATION_FAILED', errors.map(renderMessage).join(' ') || VALIDATION_FAILED_MESSAGE, {
      ...msiDetails(VALIDATION_FAILED_MESSAGE, {}, {}),
      errors,
    });
    this.errors = errors;
  }
}

/** Throws one ValidationFailedError listing all problems, if there are any. */
export function throwIfInvalid(errors: readonly MsiMessage[]): void {
  if (errors.length > 0) throw new ValidationFailedError(errors);
}

export function notFound<C extends string>(
  code: C,
  template: string,
  parameters: MessageParameters,
  extra: object = {},
): NotFoundError<C> {
  const text = renderMessage({ message: template, parameters });
  return new NotFoundError(code, text, msiDetails(template, parameters, extra));
}

export function conflict<C extends string>(
  code: C,
  template: string,
  parameters: MessageParameters,
  extra: object = {},
): ConflictError<C> {
  const text = renderMessage({ message: template, parameters });
  return new ConflictError(code, text, msiDetails(template, parameters, extra));
}

export function ruleViolation<C extends string>(
  code: C,
  template: string,
  parameters: MessageParameters,
  extra: object = {},
): RuleViolationError<C> {
  const text = renderMessage({ message: template, parameters });
  return new RuleViolationError(code, text, msiDetails(template, parameters, extra));
}

/** MSI's single-message InputException (HTTP 400 with one message). */
export function invalid<C extends string>(
  code: C,
  template: string,
  parameters: MessageParameters = {},
  extra: object = {},
): InvalidCommandError<C> {
  const text = renderMessage({ message: template, parameters });
  return new InvalidCommandError(code, text, msiDetails(template, parameters, extra));
}
