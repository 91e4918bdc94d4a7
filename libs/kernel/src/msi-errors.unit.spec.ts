import {
  msiMessage,
  notFound,
  renderMessage,
  throwIfInvalid,
  ValidationFailedError,
} from './msi-errors';

describe('domain errors', () => {
  it('render named placeholders once, leaving unknown ones', () => {
    expect(renderMessage(msiMessage('"%field" can not be empty.', { field: 'name' }))).toBe(
      '"name" can not be empty.',
    );
    expect(renderMessage(msiMessage('%a and %b', { a: '%b', b: 2 }))).toBe('%b and 2');
    expect(renderMessage(msiMessage('Default source can not be disabled.'))).toBe(
      'Default source can not be disabled.',
    );
  });

  it('ValidationFailedError carries every problem in MSI form and a readable message', () => {
    const errors = [
      msiMessage('"%field" can not be empty.', { field: 'name' }),
      msiMessage('"%field" can not be empty.', { field: 'postcode' }),
    ];
    const error = new ValidationFailedError(errors);
    expect(error).toMatchObject({
      code: 'VALIDATION_FAILED',
      kind: 'invalid',
      name: 'ValidationFailedError',
      message: '"name" can not be empty. "postcode" can not be empty.',
      details: { template: 'Validation Failed', parameters: {}, errors },
      errors,
    });
  });

  it('throwIfInvalid throws only when there are problems', () => {
    expect(() => throwIfInvalid([])).not.toThrow();
    expect(() => throwIfInvalid([msiMessage('x')])).toThrow(ValidationFailedError);
  });

  it('single errors keep their template and parameters next to extra details', () => {
    const error = notFound(
      'SOURCE_NOT_FOUND',
      'Source with code "%value" does not exist.',
      { value: 'eu' },
      { extra: 1 },
    );
    expect(error).toMatchObject({
      code: 'SOURCE_NOT_FOUND',
      kind: 'not_found',
      message: 'Source with code "eu" does not exist.',
      details: {
        template: 'Source with code "%value" does not exist.',
        parameters: { value: 'eu' },
        extra: 1,
      },
    });
  });
});
