import { HttpException } from '@nestjs/common';
import {
  MsiBadRequestException,
  MsiHttpException,
  msiNotFound,
  MsiNotFoundException,
  msiValidation,
  MsiValidationException,
} from './msi-errors';
import { renderTemplate } from './template';

describe('Magento exceptions for controllers', () => {
  it('are HttpExceptions whose response is the Magento body', () => {
    const e = msiNotFound('No such entity with %fieldName = %fieldValue', {
      fieldName: 'sku',
      fieldValue: 'A',
    });
    expect(e).toBeInstanceOf(MsiNotFoundException);
    expect(e).toBeInstanceOf(MsiHttpException);
    expect(e).toBeInstanceOf(HttpException);
    expect(e.getStatus()).toBe(404);
    expect(e.getResponse()).toBe(e.body);
    // Nest logs and default filters read `message`: it is the template, as Magento's raw message.
    expect(e.message).toBe('No such entity with %fieldName = %fieldValue');
    expect(renderTemplate(e.body.message, e.body.parameters)).toBe('No such entity with sku = A');
  });

  it('omit empty parameters at the top level, as Magento does', () => {
    expect(new MsiBadRequestException('Nope.', {}).body).toEqual({ message: 'Nope.' });
    expect(new MsiBadRequestException('Nope %1.', []).body).toEqual({ message: 'Nope %1.' });
  });

  it('put a validation error list under "Validation Failed" or a chosen message', () => {
    expect(msiValidation([{ message: 'x' }]).body).toEqual({
      message: 'Validation Failed',
      errors: [{ message: 'x', parameters: [] }],
    });
    expect(new MsiValidationException([], 'Source validation failed.').getStatus()).toBe(400);
  });
});
