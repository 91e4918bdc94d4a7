import {
  BadRequestException,
  HttpException,
  NotFoundException,
  ParseIntPipe,
  ServiceUnavailableException,
} from '@nestjs/common';
import {
  ConflictError,
  InvalidCommandError,
  NotFoundError,
  RuleViolationError,
} from '@inventory/decider';
import { msiBadRequest, msiNotFound, msiValidation } from './msi-errors';
import { MsiInputError } from './msi-input-error';
import { INTERNAL_ERROR_MESSAGE, toMsiResponse } from './to-msi-response';

/** What libs/service-kit/src/validation.ts throws for a DTO with two bad fields. */
const validationPipeError = new BadRequestException({
  statusCode: 400,
  error: 'Bad Request',
  message: 'sku: sku should not be empty; items.0.quantity: ...',
  errors: [
    { field: 'sku', reasons: ['sku should not be empty', 'sku must be a string'] },
    { field: 'items.0.quantity', reasons: ['quantity must not be less than 0'] },
    { field: 'extra', reasons: ['property extra should not exist'] },
    { field: 'tags', reasons: ['each value in tags must be a string'] },
  ],
});

describe('toMsiResponse', () => {
  it.each<[string, unknown, number, object]>([
    [
      'msiNotFound',
      msiNotFound('Source item with %fieldName = %fieldValue does not exist.', {
        fieldName: 'sku',
        fieldValue: 'A',
      }),
      404,
      {
        message: 'Source item with %fieldName = %fieldValue does not exist.',
        parameters: { fieldName: 'sku', fieldValue: 'A' },
      },
    ],
    [
      'msiBadRequest without parameters',
      msiBadRequest('Nothing to do.'),
      400,
      { message: 'Nothing to do.' },
    ],
    [
      'msiValidation',
      msiValidation([
        { message: '"%field" can not be empty.', parameters: { field: 'name' } },
        { message: 'Bad.' },
      ]),
      400,
      {
        message: 'Validation Failed',
        errors: [
          { message: '"%field" can not be empty.', parameters: { field: 'name' } },
          { message: 'Bad.', parameters: [] },
        ],
      },
    ],
    [
      'the global ValidationPipe',
      validationPipeError,
      400,
      {
        message: 'Validation Failed',
        errors: [
          { message: '"%field" should not be empty.', parameters: { field: 'sku' } },
          { message: '"%field" must be a string.', parameters: { field: 'sku' } },
          {
            message: '"%field" must not be less than 0.',
            parameters: { field: 'items.0.quantity' },
          },
          { message: '"%field" should not exist.', parameters: { field: 'extra' } },
          {
            message: '"%field": each value in tags must be a string.',
            parameters: { field: 'tags' },
          },
        ],
      },
    ],
    [
      'an invalid domain error with parameters',
      new InvalidCommandError('NEGATIVE_QUANTITY', 'Quantity %1 is negative.', {
        parameters: [-1],
      }),
      400,
      { message: 'Quantity %1 is negative.', parameters: [-1] },
    ],
    [
      'a not_found domain error',
      new NotFoundError('SOURCE_NOT_FOUND', 'Source "%code" does not exist.', {
        parameters: { code: 'eu' },
      }),
      404,
      { message: 'Source "%code" does not exist.', parameters: { code: 'eu' } },
    ],
    [
      'a conflict domain error, details that are not parameters stay private',
      new ConflictError('SOURCE_EXISTS', 'The source already exists.', { streamVersion: 3 }),
      409,
      { message: 'The source already exists.' },
    ],
    [
      'a rejected domain error with errors',
      new RuleViolationError(
        'INSUFFICIENT_STOCK',
        'Not all of your products are available in the requested quantity.',
        {
          errors: [
            { message: 'Only %qty of "%sku" are available.', parameters: { qty: 2, sku: 'A' } },
          ],
        },
      ),
      400,
      {
        message: 'Not all of your products are available in the requested quantity.',
        errors: [
          { message: 'Only %qty of "%sku" are available.', parameters: { qty: 2, sku: 'A' } },
        ],
      },
    ],
    [
      'MsiInputError with several problems',
      new MsiInputError([{ message: 'a %x', parameters: { x: 1 } }, { message: 'b' }]),
      400,
      {
        message: 'One or more input exceptions have occurred.',
        errors: [
          { message: 'a %x', parameters: { x: 1 } },
          { message: 'b', parameters: [] },
        ],
      },
    ],
    [
      'an unmatched route',
      new NotFoundException('Cannot GET /V1/nothing'),
      404,
      { message: 'Cannot GET /V1/nothing' },
    ],
    [
      'a plain string HttpException',
      new HttpException('Gone for good', 410),
      410,
      { message: 'Gone for good' },
    ],
    [
      "Nest's default ValidationPipe message list",
      new BadRequestException(['a must be a string', 'b should not be empty']),
      400,
      {
        message: 'Validation Failed',
        errors: [
          { message: 'a must be a string', parameters: [] },
          { message: 'b should not be empty', parameters: [] },
        ],
      },
    ],
    [
      "readiness's 503 keeps its status and health body",
      new ServiceUnavailableException({ status: 'error', error: { shutdown: { status: 'down' } } }),
      503,
      { status: 'error', error: { shutdown: { status: 'down' } } },
    ],
  ])('%s', (_case, exception, status, body) => {
    expect(toMsiResponse(exception)).toEqual({ status, body });
  });

  it("renders a pipe's BadRequestException by its message", async () => {
    const e = await new ParseIntPipe()
      .transform('x', { type: 'param' })
      .catch((err: unknown) => err);
    expect(toMsiResponse(e)).toEqual({
      status: 400,
      body: { message: 'Validation failed (numeric string is expected)' },
    });
  });

  it.each([
    new Error('connection refused to 10.0.0.7:5432'),
    'a string',
    undefined,
    new TypeError('x is undefined'),
  ])('hides an unexpected %p behind a report id', (exception) => {
    const response = toMsiResponse(exception, () => 'webapi-abc123');
    expect(response).toEqual({
      status: 500,
      body: { message: INTERNAL_ERROR_MESSAGE, parameters: ['webapi-abc123'] },
      reportId: 'webapi-abc123',
    });
  });

  it('makes a fresh report id per error', () => {
    const a = toMsiResponse(new Error('a')).reportId;
    const b = toMsiResponse(new Error('b')).reportId;
    expect(a).toMatch(/^webapi-[0-9a-f]{12}$/);
    expect(a).not.toBe(b);
  });
});
