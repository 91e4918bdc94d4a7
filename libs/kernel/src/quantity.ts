import { msiMessage, ruleViolation, ValidationFailedError, type MsiMessage } from './msi-errors';

declare const quantityBrand: unique symbol;

/**
 * An exact decimal quantity with 4 places (MSI's decimal(12,4)), held as an integer number of
 * ten-thousandths so that sums never drift (0.1 + 0.2 is exactly 0.3). The brand keeps raw
 * numbers, which would be units rather than ten-thousandths, from being mixed in.
 */
export type Quantity = number & { readonly [quantityBrand]: true };

export const QUANTITY_SCALE = 10_000;
export const QUANTITY_DECIMALS = 4;
/** Largest magnitude in units: 9e11 units are 9e15 ten-thousandths, below 2^53. */
export const MAX_QUANTITY_UNITS = 900_000_000_000;
const MAX_TEN_THOUSANDTHS = MAX_QUANTITY_UNITS * QUANTITY_SCALE;

export const ZERO_QUANTITY = 0 as Quantity;

// Plain decimal notation only: an optional sign, digits, optionally a point and more digits.
const DECIMAL = /^([+-]?)(\d+)(?:\.(\d+))?$/;
const EXPONENT = /^[+-]?(\d+\.?\d*|\.\d+)[eE][+-]?\d+$/;

/**
 * What is wrong with a quantity input, as an MSI message for `field`, or the quantity.
 * Numbers are read through their shortest round-trip form (`String(0.1)` is "0.1"), so a
 * float that is not exactly a 4-place decimal (0.1 + 0.2 = 0.30000000000000004) is refused
 * rather than silently rounded. Strings may carry zeros past the 4th place ("1.50000"), as
 * they do not change the value; exponent notation ("1e3") is refused explicitly.
 */
export function readQuantity(value: unknown, field: string): Quantity | MsiMessage {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return msiMessage('"%field" should be numeric.', { field });
    text = String(value);
    // JS writes only tiny (< 1e-6) and huge (>= 1e21) numbers with an exponent.
    if (text.includes('e')) return Math.abs(value) < 1 ? tooManyDecimals(field) : outOfRange(field);
  } else if (typeof value === 'string') {
    text = value;
  } else {
    return msiMessage('"%field" should be numeric.', { field });
  }
  if (EXPONENT.test(text)) {
    return msiMessage('"%field" must be written without an exponent.', { field });
  }
  const match = DECIMAL.exec(text);
  if (!match) return msiMessage('"%field" should be numeric.', { field });
  const [, sign, whole, fraction = ''] = match;
  if (/[1-9]/.test(fraction.slice(QUANTITY_DECIMALS))) {
    return tooManyDecimals(field);
  }
  const digits = whole.replace(/^0+(?=\d)/, '');
  const units = digits.length > 12 ? Infinity : Number(digits);
  if (units > MAX_QUANTITY_UNITS) return outOfRange(field);
  const magnitude =
    units * QUANTITY_SCALE +
    Number(fraction.slice(0, QUANTITY_DECIMALS).padEnd(QUANTITY_DECIMALS, '0'));
  if (magnitude > MAX_TEN_THOUSANDTHS) return outOfRange(field);
  return (sign === '-' && magnitude !== 0 ? -magnitude : magnitude) as Quantity;
}

function tooManyDecimals(field: string): MsiMessage {
  return msiMessage('"%field" can have at most %decimals decimal places.', {
    field,
    decimals: QUANTITY_DECIMALS,
  });
}

function outOfRange(field: string): MsiMessage {
  return msiMessage('"%field" must be between %min and %max.', {
    field,
    min: -MAX_QUANTITY_UNITS,
    max: MAX_QUANTITY_UNITS,
  });
}

export function isQuantity(read: Quantity | MsiMessage): read is Quantity {
  return typeof read === 'number';
}

/** Parses or throws VALIDATION_FAILED naming `field`. */
export function parseQuantity(value: unknown, field = 'qty'): Quantity {
  const read = readQuantity(value, field);
  if (!isQuantity(read)) throw new ValidationFailedError([read]);
  return read;
}

/** "12.5000", "-3.0000", "0.0000": always 4 places, never an exponent or "-0". */
export function formatQuantity(quantity: Quantity): string {
  const magnitude = Math.abs(quantity);
  const fraction = magnitude % QUANTITY_SCALE;
  const whole = (magnitude - fraction) / QUANTITY_SCALE;
  const sign = quantity < 0 ? '-' : '';
  return `${sign}${whole}.${String(fraction).padStart(QUANTITY_DECIMALS, '0')}`;
}

export function addQuantities(a: Quantity, b: Quantity): Quantity {
  return checked(a + b);
}

export function subtractQuantities(a: Quantity, b: Quantity): Quantity {
  return checked(a - b);
}

export function negateQuantity(a: Quantity): Quantity {
  return (a === 0 ? 0 : -a) as Quantity;
}

export function compareQuantities(a: Quantity, b: Quantity): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A result beyond the supported range is refused rather than rounded. */
function checked(result: number): Quantity {
  if (Math.abs(result) > MAX_TEN_THOUSANDTHS) {
    throw ruleViolation(
      'QUANTITY_OUT_OF_RANGE',
      'The resulting quantity would be outside the supported range of %min to %max.',
      { min: -MAX_QUANTITY_UNITS, max: MAX_QUANTITY_UNITS },
    );
  }
  return (result === 0 ? 0 : result) as Quantity;
}

/** Like readQuantity, for amounts that move stock (deductions, restocks, transfers). */
export function readPositiveQuantity(value: unknown, field: string): Quantity | MsiMessage {
  const read = readQuantity(value, field);
  if (isQuantity(read) && read <= 0) {
    return msiMessage('"%field" must be greater than 0.', { field });
  }
  return read;
}

/** "2", "0.5", "-1.25": how PHP prints a float into MSI's `%1` placeholders. */
export function formatPlain(quantity: Quantity): string {
  return formatQuantity(quantity).replace(/\.?0+$/, '');
}

/** The quantity as a JS number of units (for JSON answers such as salable_qty). */
export function toUnits(quantity: Quantity): number {
  return quantity / QUANTITY_SCALE;
}

export function isWhole(quantity: Quantity): boolean {
  return quantity % QUANTITY_SCALE === 0;
}
