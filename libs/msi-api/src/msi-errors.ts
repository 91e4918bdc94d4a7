import { HttpException, HttpStatus } from '@nestjs/common';
import { hasParameters, MsiMessage, MsiParameters } from './template';

/** One entry of Magento's `errors` array; Magento always sends `parameters` (`[]` if none). */
export interface MsiErrorItem {
  message: string;
  parameters: MsiParameters;
}

/**
 * Magento's REST error body (Webapi Rest Response::_renderMessages): the message template,
 * `parameters` only when there are some, and `errors` for aggregate (validation) exceptions.
 */
export interface MsiErrorBody {
  message: string;
  parameters?: MsiParameters;
  errors?: MsiErrorItem[];
}

export const VALIDATION_FAILED = 'Validation Failed';

export function msiBody(template: string, parameters?: MsiParameters): MsiErrorBody {
  return hasParameters(parameters) ? { message: template, parameters } : { message: template };
}

export function msiErrorItems(errors: readonly MsiMessage[]): MsiErrorItem[] {
  return errors.map((e) => ({ message: e.message, parameters: e.parameters ?? [] }));
}

/** An HTTP error whose body is already in Magento's shape; MsiExceptionFilter sends it as is. */
export class MsiHttpException extends HttpException {
  constructor(
    readonly body: MsiErrorBody,
    status: number,
    options?: { cause?: unknown },
  ) {
    super(body, status, options);
  }
}

/** Magento's NoSuchEntityException: 404. */
export class MsiNotFoundException extends MsiHttpException {
  constructor(template: string, parameters?: MsiParameters) {
    super(msiBody(template, parameters), HttpStatus.NOT_FOUND);
  }
}

/** Magento's LocalizedException / InputException with one message: 400. */
export class MsiBadRequestException extends MsiHttpException {
  constructor(template: string, parameters?: MsiParameters) {
    super(msiBody(template, parameters), HttpStatus.BAD_REQUEST);
  }
}

/** Magento's ValidationException (as MSI throws it): 400, "Validation Failed" plus `errors`. */
export class MsiValidationException extends MsiHttpException {
  constructor(errors: readonly MsiMessage[], message: string = VALIDATION_FAILED) {
    super({ message, errors: msiErrorItems(errors) }, HttpStatus.BAD_REQUEST);
  }
}

export const msiNotFound = (template: string, parameters?: MsiParameters): MsiNotFoundException =>
  new MsiNotFoundException(template, parameters);

export const msiBadRequest = (
  template: string,
  parameters?: MsiParameters,
): MsiBadRequestException => new MsiBadRequestException(template, parameters);

export const msiValidation = (errors: readonly MsiMessage[]): MsiValidationException =>
  new MsiValidationException(errors);
