import { InvalidCommandError } from '@inventory/decider';
import { renderMessage } from '@inventory/kernel';

export const NO_DESTINATION_MESSAGE = 'No destination address was provided in the request';
export const UNKNOWN_ALGORITHM_TEMPLATE =
  'There is no such Source Selection Algorithm implemented: %1';

/**
 * MSI's messages, with `template` and `parameters` in details as the kernel's errors carry
 * them, so the MSI exception filter answers `{ message, parameters }` as Magento does.
 */
export class NoDestinationAddressError extends InvalidCommandError<'NO_DESTINATION_ADDRESS'> {
  constructor() {
    super('NO_DESTINATION_ADDRESS', NO_DESTINATION_MESSAGE, {
      template: NO_DESTINATION_MESSAGE,
      parameters: {},
    });
  }
}

export class UnknownSourceSelectionAlgorithmError extends InvalidCommandError<'UNKNOWN_SOURCE_SELECTION_ALGORITHM'> {
  constructor(readonly algorithmCode: string) {
    const parameters = { 1: algorithmCode };
    super(
      'UNKNOWN_SOURCE_SELECTION_ALGORITHM',
      renderMessage({ message: UNKNOWN_ALGORITHM_TEMPLATE, parameters }),
      { template: UNKNOWN_ALGORITHM_TEMPLATE, parameters },
    );
  }
}
