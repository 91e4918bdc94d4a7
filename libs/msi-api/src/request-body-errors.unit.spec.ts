import { HttpException, PayloadTooLargeException } from '@nestjs/common';
import { errorCodes } from 'fastify';
import { toMsiResponse } from './to-msi-response';

/** Errors raised while Fastify reads a body; msi-exception.filter.int.spec.ts sends real ones. */
describe('request body errors', () => {
  it.each<[string, unknown, number, object]>([
    [
      'a raw Fastify body-too-large error',
      new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE(),
      413,
      { message: 'The request body is larger than this API accepts.' },
    ],
    [
      'body too large as Nest maps it (HttpException, code lost)',
      new HttpException('Request body is too large', 413),
      413,
      { message: 'The request body is larger than this API accepts.' },
    ],
    [
      'PayloadTooLargeException',
      new PayloadTooLargeException(),
      413,
      { message: 'The request body is larger than this API accepts.' },
    ],
    [
      'a raw Fastify invalid-JSON error',
      new errorCodes.FST_ERR_CTP_INVALID_JSON_BODY(),
      400,
      { message: 'The request body is not valid JSON.' },
    ],
    [
      'invalid JSON as Nest maps it',
      new HttpException(
        "Body is not valid JSON but content-type is set to 'application/json'",
        400,
      ),
      400,
      { message: 'The request body is not valid JSON.' },
    ],
    [
      'a SyntaxError from a body parser',
      Object.assign(new SyntaxError('Unexpected token } in JSON'), { statusCode: 400 }),
      400,
      { message: 'The request body is not valid JSON.' },
    ],
    [
      'an empty JSON body',
      new errorCodes.FST_ERR_CTP_EMPTY_JSON_BODY(),
      400,
      { message: 'The request body is empty but its content type is application/json.' },
    ],
  ])('%s', (_case, exception, status, body) => {
    expect(toMsiResponse(exception)).toEqual({ status, body });
  });

  it.each([
    ['a SyntaxError without a status, which is a bug in our code', new SyntaxError('x')],
    ['a URIError', new URIError('URI malformed')],
  ])('does not mistake %s for a bad body', (_case, exception) => {
    expect(toMsiResponse(exception).status).toBe(500);
  });

  it('keeps other 400s as they are', () => {
    expect(toMsiResponse(new HttpException('Body is fine, the sku is not', 400)).body).toEqual({
      message: 'Body is fine, the sku is not',
    });
  });
});
