import type { EffectiveConfig } from './effective-config';
import { salabilityError, type SalabilityError } from './salability-errors';
import { formatPlain, isWhole, type Quantity } from '@inventory/kernel';

/** MSI's MathDivision::DIVIDE_EPSILON: a remainder within divisor / 10000 counts as none. */
const DIVIDE_EPSILON = 10_000;

/**
 * MSI's IsCorrectQtyCondition: the first failing check of min sale qty, max sale qty,
 * increments and decimals, in that order (MSI reports only the first).
 */
export function correctQtyError(
  config: EffectiveConfig,
  requested: Quantity,
): SalabilityError | undefined {
  // A zero limit means "no limit", as PHP's truthiness check in MSI has it.
  if (config.min_sale_qty > 0 && requested < config.min_sale_qty) {
    return salabilityError('minSaleQty', formatPlain(config.min_sale_qty));
  }
  if (config.max_sale_qty > 0 && requested > config.max_sale_qty) {
    return salabilityError('maxSaleQty');
  }
  if (config.qty_increments > 0 && !isMultipleOf(requested, config.qty_increments)) {
    return salabilityError('qtyIncrement', formatPlain(config.qty_increments));
  }
  if (!config.is_qty_decimal && !isWhole(requested)) return salabilityError('qtyDecimal');
  return undefined;
}

/**
 * MSI's getExactDivision with its tolerance: a remainder closer than increment / 10000 to 0
 * or to the increment passes. Quantities are exact here, yet the tolerance still matters at
 * 4 places (2.9999 in steps of 3 passes in MSI), so it is kept for identical answers. Both
 * sides are in ten-thousandths, so the ratio is the same as MSI's in units.
 */
export function isMultipleOf(requested: Quantity, increment: Quantity): boolean {
  const remainder = Math.abs(requested % increment);
  return (
    remainder * DIVIDE_EPSILON < increment || (increment - remainder) * DIVIDE_EPSILON < increment
  );
}
