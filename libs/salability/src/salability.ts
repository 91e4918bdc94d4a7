import type { EffectiveConfig } from './effective-config';
import { BACKORDERS, carriesSourceItems } from './product-config.types';
import { salabilityError, type SalabilityError } from './salability-errors';
import { addQuantities, subtractQuantities, type Quantity, ZERO_QUANTITY } from '@inventory/kernel';
import { correctQtyError } from './requested-qty';

/** Everything salability depends on for one (stock, SKU); see aggregate.ts for the flags. */
export interface SalabilityInput {
  config: EffectiveConfig;
  /** The SKU has a source item at some source linked to the stock. */
  assigned: boolean;
  /** At least one of those items is in stock, at an enabled linked source. */
  any_in_stock: boolean;
  /** Sum of quantity over in-stock items at enabled linked sources. */
  aggregated_qty: Quantity;
  /** Sum of open reservations: ≤ 0 normally, 0 until the reservations service exists. */
  reservations: Quantity;
  /** When given, `is_salable` and `errors` answer "salable for this quantity?". */
  requested_qty?: Quantity;
}

export interface Salability {
  /** 0 whenever the SKU is not salable, as MSI's GetProductSalableQty answers. */
  salable_qty: Quantity;
  is_salable: boolean;
  errors: SalabilityError[];
}

/**
 * The one place salable quantity and salability are decided (MSI's rules):
 * - not assigned to the stock (or a composite type): 0, not salable;
 * - manage stock off: salable, without a quantity limit;
 * - otherwise an in-stock source item is required; then backorders with a non-negative
 *   threshold are salable without limit, else salable while the salable quantity is > 0.
 * Salable quantity = aggregated - effective threshold + reservations. While salable it is
 * reported as computed, so with unlimited backorders it may be negative (as in MSI).
 */
export function salability(input: SalabilityInput): Salability {
  const base = baseSalability(input);
  if (input.requested_qty === undefined) return base;
  const errors = requestedQtyErrors(input, base, input.requested_qty);
  return { salable_qty: base.salable_qty, is_salable: errors.length === 0, errors };
}

function baseSalability(input: SalabilityInput): Salability {
  const { config } = input;
  if (!isAssigned(input)) return notSalable(salabilityError('notAssigned'));
  const computed = addQuantities(
    subtractQuantities(input.aggregated_qty, config.threshold),
    input.reservations,
  );
  if (!config.manage_stock) return { salable_qty: computed, is_salable: true, errors: [] };
  if (!input.any_in_stock) return notSalable(salabilityError('noSourceItemsInStock'));
  if (unlimitedBackorders(config) || computed > 0) {
    return { salable_qty: computed, is_salable: true, errors: [] };
  }
  return notSalable(salabilityError('notEnoughQty'));
}

/**
 * Composite types (configurable, bundle, grouped) carry no source items of their own: items
 * saved under such a SKU are ignored, and its salability is the commerce platform's to derive
 * from its children, as MSI does.
 */
function isAssigned(input: SalabilityInput): boolean {
  return input.assigned && carriesSourceItems(input.config.type_id);
}

function notSalable(error: SalabilityError): Salability {
  return { salable_qty: ZERO_QUANTITY, is_salable: false, errors: [error] };
}

function unlimitedBackorders(config: EffectiveConfig): boolean {
  return config.backorders !== BACKORDERS.no && config.threshold >= 0;
}

/**
 * MSI's IsProductSalableForRequestedQty chain: an unassigned SKU answers only that; then the
 * required conditions (quantity rules, an in-stock source item) report all their errors;
 * then the sufficient ones (back_order, manage_stock, is_salable_with_reservations) pass as
 * soon as one does, else report all three. Equality of requested and salable passes.
 */
function requestedQtyErrors(
  input: SalabilityInput,
  base: Salability,
  requested: Quantity,
): SalabilityError[] {
  const { config } = input;
  if (!isAssigned(input)) return [salabilityError('notAssigned')];
  const required: SalabilityError[] = [];
  const qtyError = correctQtyError(config, requested);
  if (qtyError) required.push(qtyError);
  // MSI's IsAnySourceItemInStockCondition passes for SKUs whose stock is not managed.
  if (config.manage_stock && !input.any_in_stock) {
    required.push(salabilityError('noSourceItemsInStock'));
  }
  if (required.length > 0) return required;
  if (unlimitedBackorders(config)) return [];
  if (!config.manage_stock) return [];
  if (base.is_salable && base.salable_qty >= requested) return [];
  return [
    salabilityError('backordersDisabled'),
    salabilityError('manageStockEnabled'),
    salabilityError('notEnoughQty'),
  ];
}
