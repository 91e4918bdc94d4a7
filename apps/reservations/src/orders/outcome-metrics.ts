import { Counter, register } from 'prom-client';
import type { OutcomeError } from '../domain';

const NAME = 'reservation_outcomes_total';

/**
 * Decisions of this service, once each: `kind` order (the outcome settled in its stream; a
 * retry or redelivery answering the settled one is not counted) or hold (placed or refused);
 * `outcome` reserved or rejected; `reason` the MSI error code (`none` when reserved). A
 * rejection lists every failing line's errors, so the reason is one code: the first failing
 * line's last one, the decisive end of MSI's chain (`back_order-disabled`,
 * `manage_stock-enabled`, `is_salable_with_reservations-not_enough_qty` counts as the last).
 * Codes are a fixed set, so the label's cardinality is bounded.
 */
const outcomes =
  (register.getSingleMetric(NAME) as Counter<string>) ??
  new Counter({
    name: NAME,
    help: 'Order and hold reservation decisions by outcome and MSI reason code',
    labelNames: ['kind', 'outcome', 'reason'],
  });

export function countReserved(kind: 'order' | 'hold'): void {
  outcomes.inc({ kind, outcome: 'reserved', reason: 'none' });
}

export function countRejected(kind: 'order' | 'hold', errors: readonly OutcomeError[]): void {
  outcomes.inc({ kind, outcome: 'rejected', reason: primaryReason(errors) });
}

export function primaryReason(errors: readonly OutcomeError[]): string {
  if (errors.length === 0) return 'unknown';
  const line = errors[0].sku;
  let code = errors[0].code;
  for (const e of errors) if (e.sku === line) code = e.code;
  return code;
}
