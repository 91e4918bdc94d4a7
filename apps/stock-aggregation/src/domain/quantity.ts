import { msiMessage, ruleViolation, ValidationFailedError, type MsiMessage } from './errors';

// Adapted from source-inventory's domain (apps never import another app): the same exact
// decimal representation, so quantities read from its events compare and add without drift.

declare const quantityBrand: unique symbol;

/**
 * An exact decimal with 4 places (MSI's decimal(12,4)), held as an integer number of
 * ten-thousandths so that sums never drift. The brand keeps raw unit numbers from mixing in.
 */
export type Quantity = number & { readonly [quantityBrand]: true };

export const QUANTITY_SCALE = 10_000;
export const QUANTITY_DECIMALS = 4;
/** Largest magnitude in units: 9e11 units are 9e15 ten-thousandths, below 2^53. */
export const MAX_QUANTITY_UNITS = 900_000_000_000;
const MAX_TEN_THOUSANDTHS = MAX_QUANTITY_UNITS * QUANTITY_SCALE;

export const ZERO_QUANTITY = 0 as Quantity;

const DECIMAL = /^([+-]?)(\d+)(?:\.(\d+))?$/;

/**
 * The quantity, or what is wrong with the input as an MSI message for `field`. Numbers are
 * read through their shortest round-trip form, so a float that is not exactly a 4-place
 * decimal is refused rather than rounded; exponent notation is refused.
 */
export function readQuantity(value: unknown, field: string): Quantity | MsiMessage {
  let text: string;
  if (typeof value === 'number' && Number.isFinite(value)) text = String(value);
  else if (typeof value === 'string') text = value;
  else return msiMessage('"%field" should be numeric.', { field });
  const match = DECIMAL.exec(text);
  if (!match) return msiMessage('"%field" should be numeric.', { field });
  const [, sign, whole, fraction = ''] = match;
  if (/[1-9]/.test(fraction.slice(QUANTITY_DECIMALS))) {
    return msiMessage('"%field" can have at most %decimals decimal places.', {
      field,
      decimals: QUANTITY_DECIMALS,
    });
  }
  const digits = whole.replace(/^0+(?=\d)/, '');
  const units = digits.length > 12 ? Infinity : Number(digits);
  const magnitude =
    units * QUANTITY_SCALE +
    Number(fraction.slice(0, QUANTITY_DECIMALS).padEnd(QUANTITY_DECIMALS, '0'));
  if (magnitude > MAX_TEN_THOUSANDTHS) {
    return msiMessage('"%field" must be between %min and %max.', {
      field,
      min: -MAX_QUANTITY_UNITS,
      max: MAX_QUANTITY_UNITS,
    });
  }
  return (sign === '-' && magnitude !== 0 ? -magnitude : magnitude) as Quantity;
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

/** "12.5000", "-3.0000", "0.0000": the contracts' form, 4 places, never "-0". */
export function formatQuantity(quantity: Quantity): string {
  const magnitude = Math.abs(quantity);
  const fraction = magnitude % QUANTITY_SCALE;
  const whole = (magnitude - fraction) / QUANTITY_SCALE;
  const sign = quantity < 0 ? '-' : '';
  return `${sign}${whole}.${String(fraction).padStart(QUANTITY_DECIMALS, '0')}`;
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

export function addQuantities(a: Quantity, b: Quantity): Quantity {
  return checked(a + b);
}

export function subtractQuantities(a: Quantity, b: Quantity): Quantity {
  return checked(a - b);
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
