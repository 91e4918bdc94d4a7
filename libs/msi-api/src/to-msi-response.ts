import { HttpException, HttpStatus } from '@nestjs/common';
import { DomainError, DomainErrorKind, isDomainError } from '@inventory/decider';
import { randomBytes } from 'crypto';
import {
  msiBody,
  MsiErrorBody,
  msiErrorItems,
  MsiHttpException,
  VALIDATION_FAILED,
} from './msi-errors';
import { isRecord } from './query-shape';
import { requestBodyError } from './request-body-errors';
import { MsiMessage, MsiParameters } from './template';
import { validationPipeError } from './validation-errors';

export interface MsiResponse {
  status: number;
  /**
   * What the client receives: Magento's shape, except a deliberate 5xx HttpException's own
   * body. For unexpected errors it never holds the error itself.
   */
  body: MsiErrorBody | Readonly<Record<string, unknown>>;
  /** Set for unexpected errors: the filter logs the error under this id, the client sees it. */
  reportId?: string;
}

/** Magento's masked internal error names a report id the same way (`webapi-<uniqid>`). */
export const INTERNAL_ERROR_MESSAGE =
  'Internal Error. Details are available in the service log. Report ID: %1';

/**
 * `rejected` is a business rule saying no (e.g. insufficient stock). Magento answers those
 * with 400 (a LocalizedException), and scripts written against it branch on 400, so 400 here,
 * not the 422 the domain error family suggests for our own API.
 */
export const DOMAIN_STATUS: Readonly<Record<DomainErrorKind, number>> = {
  invalid: HttpStatus.BAD_REQUEST,
  not_found: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  rejected: HttpStatus.BAD_REQUEST,
};

const isScalar = (v: unknown): boolean => ['string', 'number', 'boolean'].includes(typeof v);

function asParameters(v: unknown): MsiParameters | undefined {
  if (Array.isArray(v)) return v.every(isScalar) ? (v as MsiParameters) : undefined;
  return isRecord(v) && Object.values(v).every(isScalar) ? (v as MsiParameters) : undefined;
}

function asMessages(v: unknown): MsiMessage[] | undefined {
  if (!Array.isArray(v) || v.length === 0) return undefined;
  const ok = v.every((e) => isRecord(e) && typeof e.message === 'string');
  return ok
    ? v.map((e) => ({ message: e.message, parameters: asParameters(e.parameters) }))
    : undefined;
}

/** Domain errors opt into Magento's shape through `details.parameters` and `details.errors`. */
function fromDomainError(e: DomainError): MsiResponse {
  const body = msiBody(e.message, asParameters(e.details.parameters));
  const errors = asMessages(e.details.errors);
  return {
    status: DOMAIN_STATUS[e.kind],
    body: errors ? { ...body, errors: msiErrorItems(errors) } : body,
  };
}

/** Other deliberate 4xx HttpExceptions (route not found, a pipe's message) keep their status. */
function fromHttpException(e: HttpException): MsiResponse {
  const status = e.getStatus();
  const response = e.getResponse();
  const message = isRecord(response) ? response.message : response;
  if (Array.isArray(message) && message.every((m) => typeof m === 'string')) {
    const errors = msiErrorItems(message.map((m) => ({ message: m })));
    return { status, body: { message: VALIDATION_FAILED, errors } };
  }
  return { status, body: { message: typeof message === 'string' ? message : e.message } };
}

export function newReportId(): string {
  return `webapi-${randomBytes(6).toString('hex')}`;
}

/**
 * The one mapping from anything thrown to Magento's error response; MsiExceptionFilter only
 * sends what this returns. Deliberate 5xx HttpExceptions (readiness's 503) pass through with
 * their body, since operators read it; everything unexpected becomes a 500 with a report id.
 */
export function toMsiResponse(
  exception: unknown,
  reportId: () => string = newReportId,
): MsiResponse {
  if (exception instanceof MsiHttpException)
    return { status: exception.getStatus(), body: exception.body };
  if (isDomainError(exception)) return fromDomainError(exception);
  const bodyError = requestBodyError(exception);
  if (bodyError) return bodyError;
  const validation = validationPipeError(exception);
  if (validation) return { status: HttpStatus.BAD_REQUEST, body: validation };
  if (exception instanceof HttpException) {
    if (exception.getStatus() < 500) return fromHttpException(exception);
    const response = exception.getResponse();
    return {
      status: exception.getStatus(),
      body: isRecord(response) ? response : { message: response },
    };
  }
  const id = reportId();
  return { status: 500, body: { message: INTERNAL_ERROR_MESSAGE, parameters: [id] }, reportId: id };
}
