import { renderMessage } from './errors';
import {
  addQuantities,
  formatPlain,
  formatQuantity,
  isWhole,
  parseQuantity,
  readQuantity,
  toUnits,
} from './quantity';

const q = (value: number | string) => parseQuantity(value);

describe('quantity', () => {
  it('reads the contracts’ 4-place strings and numbers exactly', () => {
    expect(q('12.5000')).toBe(125_000);
    expect(q(-3)).toBe(-30_000);
    expect(addQuantities(q(0.1), q(0.2))).toBe(q(0.3));
    expect(formatQuantity(q('-0'))).toBe('0.0000');
  });

  it('refuses what is not an exact 4-place decimal', () => {
    expect(readQuantity(0.1 + 0.2, 'min_qty')).toMatchObject({
      parameters: { field: 'min_qty', decimals: 4 },
    });
    expect(readQuantity('1e3', 'x')).toEqual({
      message: '"%field" must be written without an exponent.',
      parameters: { field: 'x' },
    });
    expect(() => parseQuantity('abc')).toThrow('"qty" should be numeric.');
  });

  it('prints plainly for MSI %1 placeholders', () => {
    expect(['2', '0.5', '10', '-1.25', '0'].map((v) => formatPlain(q(v)))).toEqual([
      '2',
      '0.5',
      '10',
      '-1.25',
      '0',
    ]);
    expect(renderMessage({ message: 'in quantities of %1', parameters: { 1: '3' } })).toBe(
      'in quantities of 3',
    );
  });

  it('converts to units and tells whole numbers', () => {
    expect(toUnits(q('1.5'))).toBe(1.5);
    expect(isWhole(q(3))).toBe(true);
    expect(isWhole(q('3.0001'))).toBe(false);
  });
});
