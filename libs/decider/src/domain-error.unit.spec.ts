import {
  ConflictError,
  DomainError,
  InvalidCommandError,
  isDomainError,
  NotFoundError,
  RuleViolationError,
} from './domain-error';

describe('DomainError family', () => {
  it.each([
    [new InvalidCommandError('INVALID_QUANTITY', 'm'), 'invalid', 'InvalidCommandError'],
    [new NotFoundError('SOURCE_NOT_FOUND', 'm'), 'not_found', 'NotFoundError'],
    [new ConflictError('SOURCE_EXISTS', 'm'), 'conflict', 'ConflictError'],
    [new RuleViolationError('INSUFFICIENT_STOCK', 'm'), 'rejected', 'RuleViolationError'],
  ])('%s has a stable code, a kind for transports and a name', (error, kind, name) => {
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toBeInstanceOf(Error);
    expect(error.kind).toBe(kind);
    expect(error.name).toBe(name);
    expect(isDomainError(error)).toBe(true);
  });

  it('keeps code, details and cause', () => {
    const cause = new Error('root');
    const error = new RuleViolationError(
      'INSUFFICIENT_STOCK',
      'not enough',
      { available: 2 },
      { cause },
    );

    expect(error).toMatchObject({
      code: 'INSUFFICIENT_STOCK',
      message: 'not enough',
      details: { available: 2 },
    });
    expect(error.cause).toBe(cause);
  });

  it('lets subclasses narrow the code type', () => {
    class SourceDisabled extends RuleViolationError<'SOURCE_DISABLED'> {
      constructor(sourceCode: string) {
        super('SOURCE_DISABLED', `source ${sourceCode} is disabled`, { sourceCode });
      }
    }
    const error = new SourceDisabled('WH1');
    const code: 'SOURCE_DISABLED' = error.code;

    expect(code).toBe('SOURCE_DISABLED');
    expect(error.name).toBe('SourceDisabled');
  });

  it('does not mistake other errors for domain errors', () => {
    expect(isDomainError(new Error('x'))).toBe(false);
    expect(isDomainError({ code: 'X', kind: 'invalid' })).toBe(false);
  });
});
