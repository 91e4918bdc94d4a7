import { InvalidCommandError } from '@inventory/decider';
import { MsiMessage, MsiParameters, renderTemplate } from './template';

/** Magento's InputException::DEFAULT_MESSAGE, used when more than one error is reported. */
export const AGGREGATE_INPUT_MESSAGE = 'One or more input exceptions have occurred.';

/**
 * Invalid client input in Magento's shape. It is an `invalid` domain error, so any transport
 * filter maps it to 400 without knowing about it. Like Magento's InputException, a single
 * problem becomes the message itself; several become the default message plus `errors`, and
 * `details` carries exactly that so MsiExceptionFilter renders it as Magento would.
 */
export class MsiInputError extends InvalidCommandError<'INVALID_SEARCH_CRITERIA'> {
  constructor(readonly errors: readonly MsiMessage[]) {
    const single = errors.length === 1 ? errors[0] : undefined;
    super(
      'INVALID_SEARCH_CRITERIA',
      single ? single.message : AGGREGATE_INPUT_MESSAGE,
      single ? { parameters: single.parameters ?? {} } : { errors },
    );
  }

  /** The problems as plain sentences, for logs and test failure output. */
  describe(): string[] {
    return this.errors.map((e) => renderTemplate(e.message, e.parameters));
  }
}

/** Collects every problem in one pass, so a client fixes its query in one round trip. */
export class InputProblems {
  private readonly list: MsiMessage[] = [];

  add(message: string, parameters: MsiParameters): void {
    this.list.push({ message, parameters });
  }

  throwIfAny(): void {
    if (this.list.length > 0) throw new MsiInputError(this.list);
  }
}
