import { register } from 'prom-client';
import { countRejected, countReserved, primaryReason } from './outcome-metrics';

const err = (sku: string | null, code: string) => ({ sku, code, message: code });

describe('reservation outcome metrics', () => {
  it('takes the decisive code of the first failing line as the reason', () => {
    expect(
      primaryReason([
        err('A', 'back_order-disabled'),
        err('A', 'manage_stock-enabled'),
        err('A', 'is_salable_with_reservations-not_enough_qty'),
        err('B', 'is_correct_qty-min_sale_qty'),
      ]),
    ).toBe('is_salable_with_reservations-not_enough_qty');
    expect(primaryReason([err(null, 'sales_channel-no_linked_stock')])).toBe(
      'sales_channel-no_linked_stock',
    );
    expect(primaryReason([])).toBe('unknown');
  });

  it('counts one decision per call with kind, outcome and reason', async () => {
    countReserved('order');
    countRejected('hold', [err(null, 'hold-expired')]);
    countRejected('hold', [err(null, 'hold-expired')]);
    const metric = (await register.getMetricsAsJSON()).find(
      (m) => m.name === 'reservation_outcomes_total',
    );
    expect(metric?.values).toEqual(
      expect.arrayContaining([
        { labels: { kind: 'order', outcome: 'reserved', reason: 'none' }, value: 1 },
        { labels: { kind: 'hold', outcome: 'rejected', reason: 'hold-expired' }, value: 2 },
      ]),
    );
  });
});
