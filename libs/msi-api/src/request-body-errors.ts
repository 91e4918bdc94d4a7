import { HttpException, HttpStatus } from '@nestjs/common';
import { errorCodes } from 'fastify';
import { MsiErrorBody } from './msi-errors';

export const BODY_TOO_LARGE_MESSAGE = 'The request body is larger than this API accepts.';
export const INVALID_JSON_MESSAGE = 'The request body is not valid JSON.';
export const EMPTY_JSON_MESSAGE =
  'The request body is empty but its content type is application/json.';

const BODY_ERRORS = {
  FST_ERR_CTP_BODY_TOO_LARGE: [HttpStatus.PAYLOAD_TOO_LARGE, BODY_TOO_LARGE_MESSAGE],
  FST_ERR_CTP_INVALID_JSON_BODY: [HttpStatus.BAD_REQUEST, INVALID_JSON_MESSAGE],
  FST_ERR_CTP_EMPTY_JSON_BODY: [HttpStatus.BAD_REQUEST, EMPTY_JSON_MESSAGE],
} as const satisfies Record<string, readonly [number, string]>;

type BodyErrorCode = keyof typeof BODY_ERRORS;

/**
 * Nest's router turns a FastifyError into `new HttpException(err.message, err.statusCode)`,
 * dropping `code`, so the message is all that identifies it. Taking the messages from
 * fastify's own error classes keeps this right if fastify rewords them.
 */
const CODE_BY_MESSAGE = new Map<string, BodyErrorCode>(
  (Object.keys(BODY_ERRORS) as BodyErrorCode[]).map((code) => [
    new errorCodes[code]().message,
    code,
  ]),
);

function statusOf(e: object): unknown {
  if (e instanceof HttpException) return e.getStatus();
  return (
    (e as { statusCode?: unknown; status?: unknown }).statusCode ??
    (e as { status?: unknown }).status
  );
}

function codeOf(e: object): BodyErrorCode | undefined {
  const code = (e as { code?: unknown }).code;
  if (typeof code === 'string' && Object.hasOwn(BODY_ERRORS, code)) return code as BodyErrorCode;
  if (e instanceof HttpException) return CODE_BY_MESSAGE.get(e.message);
  return undefined;
}

/**
 * Errors raised while Fastify reads the body, before any controller runs: too large (413) and
 * malformed or empty JSON (400). A SyntaxError carrying a 4xx status comes from a body parser
 * too (fastify's own for custom parsers, or a JSON.parse in a content-type parser).
 */
export function requestBodyError(e: unknown): { status: number; body: MsiErrorBody } | undefined {
  if (typeof e !== 'object' || e === null) return undefined;
  const status = statusOf(e);
  const code =
    codeOf(e) ??
    (status === HttpStatus.PAYLOAD_TOO_LARGE ? 'FST_ERR_CTP_BODY_TOO_LARGE' : undefined);
  if (code) {
    const [s, message] = BODY_ERRORS[code];
    return { status: s, body: { message } };
  }
  if (e instanceof SyntaxError && status === HttpStatus.BAD_REQUEST)
    return { status: HttpStatus.BAD_REQUEST, body: { message: INVALID_JSON_MESSAGE } };
  return undefined;
}
