import { notFound, renderMessage, type MessageParameters } from '@inventory/kernel';

/** MSI's salability error codes and messages, as its REST API answers them. */
export const SALABILITY_ERRORS = {
  notAssigned: {
    code: 'requested-sku-is-not-assigned-to-given-stock',
    message: 'The requested sku is not assigned to given stock.',
  },
  noSourceItemsInStock: {
    code: 'is_any_source_item_in_stock-no_source_items_in_stock',
    message: 'There are no source items with the in stock status',
  },
  minSaleQty: { code: 'is_correct_qty-min_sale_qty', message: 'The fewest you may purchase is %1' },
  maxSaleQty: {
    code: 'is_correct_qty-max_sale_qty',
    message: 'The requested qty exceeds the maximum qty allowed in shopping cart',
  },
  qtyIncrement: {
    code: 'is_correct_qty-qty_increment',
    message: 'You can buy this product only in quantities of %1 at a time.',
  },
  qtyDecimal: {
    code: 'is_correct_qty-is_qty_decimal',
    message: 'You cannot use decimal quantity for this product.',
  },
  backordersDisabled: { code: 'back_order-disabled', message: 'Backorders are disabled' },
  manageStockEnabled: { code: 'manage_stock-enabled', message: 'Manage stock is enabled' },
  notEnoughQty: {
    code: 'is_salable_with_reservations-not_enough_qty',
    message: 'The requested qty is not available',
  },
} as const;

export type SalabilityErrorCode =
  (typeof SALABILITY_ERRORS)[keyof typeof SALABILITY_ERRORS]['code'];

/** One reason, with the message rendered as MSI's API returns it. */
export interface SalabilityError {
  code: SalabilityErrorCode;
  message: string;
}

export function salabilityError(
  kind: keyof typeof SALABILITY_ERRORS,
  value?: string,
): SalabilityError {
  const { code, message } = SALABILITY_ERRORS[kind];
  const parameters: MessageParameters = value === undefined ? {} : { 1: value };
  return { code, message: renderMessage({ message, parameters }) };
}

/** MSI's answer for a stock id that names no stock. */
export function stockNotFound(id: unknown) {
  return notFound('STOCK_NOT_FOUND', 'Stock with id "%value" does not exist.', {
    value: String(id),
  });
}

/** A `:stockId` path parameter; anything but a positive integer names no stock (MSI's 404). */
export function stockIdParam(raw: string): number {
  const id = /^\d{1,15}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(id) || id <= 0) throw stockNotFound(raw);
  return id;
}
