import { ValidationFailedError } from './msi-errors';
import {
  addQuantities,
  compareQuantities,
  formatQuantity,
  MAX_QUANTITY_UNITS,
  negateQuantity,
  parseQuantity,
  readPositiveQuantity,
  readQuantity,
  subtractQuantities,
  type Quantity,
} from './quantity';

const q = (value: number | string) => parseQuantity(value);
const fmt = (value: number | string) => formatQuantity(q(value));
const problem = (value: unknown) => readQuantity(value, 'qty');

describe('quantity', () => {
  it('parses numbers and strings into exact ten-thousandths', () => {
    expect(q(12.5)).toBe(125_000);
    expect(q('12.5')).toBe(125_000);
    expect(q('0.0001')).toBe(1);
    expect(q(-3)).toBe(-30_000);
    expect(q('+7.25')).toBe(72_500);
    expect(q('007.1000')).toBe(71_000);
  });

  it('formats with exactly 4 places and never as -0', () => {
    expect(fmt(12.5)).toBe('12.5000');
    expect(fmt(-3)).toBe('-3.0000');
    expect(fmt(0)).toBe('0.0000');
    expect(fmt('-0')).toBe('0.0000');
    expect(fmt('-0.0001')).toBe('-0.0001');
    expect(fmt('23456789012.9999')).toBe('23456789012.9999');
    expect(fmt(String(MAX_QUANTITY_UNITS))).toBe('900000000000.0000');
  });

  it('adds decimals exactly where floats drift: 0.1 + 0.2 is 0.3', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(addQuantities(q(0.1), q(0.2))).toBe(q(0.3));
    expect(formatQuantity(addQuantities(q('0.1'), q('0.2')))).toBe('0.3000');
    expect(formatQuantity(subtractQuantities(q(0.3), q(0.1)))).toBe('0.2000');
    let sum = q(0);
    for (let i = 0; i < 10; i++) sum = addQuantities(sum, q(0.1));
    expect(formatQuantity(sum)).toBe('1.0000');
  });

  it('refuses a float that is not exactly a 4-place decimal instead of rounding it', () => {
    expect(problem(0.1 + 0.2)).toEqual({
      message: '"%field" can have at most %decimals decimal places.',
      parameters: { field: 'qty', decimals: 4 },
    });
    expect(problem('1.00001')).toMatchObject({ parameters: { decimals: 4 } });
    expect(problem(1e-7)).toMatchObject({ parameters: { decimals: 4 } });
  });

  it('accepts zeros past the 4th place, which do not change the value', () => {
    expect(fmt('1.50000000')).toBe('1.5000');
  });

  it('refuses NaN, Infinity, non-numbers and malformed text as not numeric', () => {
    for (const bad of [
      NaN,
      Infinity,
      -Infinity,
      '',
      ' 1',
      '1 ',
      '1,5',
      '.5',
      '5.',
      'abc',
      null,
      {},
      true,
    ]) {
      expect(problem(bad)).toEqual({
        message: '"%field" should be numeric.',
        parameters: { field: 'qty' },
      });
    }
  });

  it('refuses exponent notation explicitly', () => {
    expect(problem('1e3')).toEqual({
      message: '"%field" must be written without an exponent.',
      parameters: { field: 'qty' },
    });
    expect(problem('2.5E-1')).toMatchObject({
      message: '"%field" must be written without an exponent.',
    });
  });

  it('refuses magnitudes beyond 9e11 units, where ten-thousandths stop being exact', () => {
    expect(problem('900000000000.0001')).toMatchObject({
      message: '"%field" must be between %min and %max.',
    });
    expect(problem('-1000000000000')).toMatchObject({ parameters: { min: -MAX_QUANTITY_UNITS } });
    expect(problem(1e21)).toMatchObject({ message: '"%field" must be between %min and %max.' });
  });

  it('throws VALIDATION_FAILED naming the field from parseQuantity', () => {
    const error = (() => {
      try {
        parseQuantity('x', 'delta');
      } catch (e) {
        return e;
      }
    })() as ValidationFailedError;
    expect(error).toBeInstanceOf(ValidationFailedError);
    expect(error).toMatchObject({
      code: 'VALIDATION_FAILED',
      kind: 'invalid',
      message: '"delta" should be numeric.',
      errors: [{ message: '"%field" should be numeric.', parameters: { field: 'delta' } }],
    });
  });

  it('readPositiveQuantity refuses zero and negatives', () => {
    expect(readPositiveQuantity('0.0000', 'qty')).toEqual({
      message: '"%field" must be greater than 0.',
      parameters: { field: 'qty' },
    });
    expect(readPositiveQuantity(-1, 'qty')).toMatchObject({
      message: '"%field" must be greater than 0.',
    });
    expect(readPositiveQuantity('0.0001', 'qty')).toBe(1);
  });

  it('compares and negates', () => {
    expect(compareQuantities(q(1), q(2))).toBe(-1);
    expect(compareQuantities(q('2.0'), q(2))).toBe(0);
    expect(compareQuantities(q(3), q(2))).toBe(1);
    expect(negateQuantity(q(2))).toBe(q(-2));
    expect(Object.is(negateQuantity(q(0)), 0)).toBe(true);
  });

  it('refuses arithmetic results outside the range rather than losing precision', () => {
    const max = q(String(MAX_QUANTITY_UNITS));
    expect(() => addQuantities(max, q('0.0001'))).toThrow(
      expect.objectContaining({ code: 'QUANTITY_OUT_OF_RANGE', kind: 'rejected' }),
    );
    expect(() => subtractQuantities(negateQuantity(max), q(1))).toThrow(
      expect.objectContaining({ code: 'QUANTITY_OUT_OF_RANGE' }),
    );
    expect(addQuantities(max, q(0))).toBe(max);
  });

  it('round-trips every formatted value', () => {
    for (const value of ['0.0001', '-0.0001', '1.2345', '-98765.4321', '899999999999.9999']) {
      expect(formatQuantity(parseQuantity(value) as Quantity)).toBe(value);
    }
  });
});
