import { DomainServiceName } from './services';

/**
 * Which service owns which public REST path (longest prefix wins). The gateway proxies by this
 * table; adding a route to a service means adding its prefix here.
 */
export const GATEWAY_ROUTES: ReadonlyArray<{ prefix: string; service: DomainServiceName }> = [
  { prefix: '/V1/inventory/sources', service: 'source-inventory' },
  { prefix: '/V1/inventory/source-items', service: 'source-inventory' },
  { prefix: '/V1/inventory/source-items-delete', service: 'source-inventory' },
  { prefix: '/V1/inventory/low-quantity-report', service: 'source-inventory' },
  { prefix: '/V1/inventory/low-quantity-notification', service: 'source-inventory' },
  { prefix: '/V1/inventory/low-quantity-notifications-delete', service: 'source-inventory' },
  { prefix: '/V1/inventory/bulk-product-source-assign', service: 'source-inventory' },
  { prefix: '/V1/inventory/bulk-product-source-unassign', service: 'source-inventory' },
  { prefix: '/V1/inventory/bulk-product-source-transfer', service: 'source-inventory' },
  { prefix: '/V1/inventory/bulk-partial-source-transfer', service: 'source-inventory' },
  { prefix: '/V1/inventory/source-item-adjustments', service: 'source-inventory' },
  { prefix: '/V1/inventory/source-transfers', service: 'source-inventory' },
  { prefix: '/V1/inventory/source-deductions', service: 'source-inventory' },
  { prefix: '/V1/inventory/stocks', service: 'stock-aggregation' },
  { prefix: '/V1/inventory/stock-resolver', service: 'stock-aggregation' },
  { prefix: '/V1/inventory/single-source-mode', service: 'stock-aggregation' },
  { prefix: '/V1/inventory/stock-source-links', service: 'stock-aggregation' },
  { prefix: '/V1/inventory/stock-source-links-delete', service: 'stock-aggregation' },
  {
    prefix: '/V1/inventory/get-sources-assigned-to-stock-ordered-by-priority',
    service: 'stock-aggregation',
  },
  { prefix: '/V1/inventory/is-product-salable', service: 'stock-aggregation' },
  { prefix: '/V1/inventory/is-product-salable-for-requested-qty', service: 'stock-aggregation' },
  { prefix: '/V1/inventory/get-product-salable-quantity', service: 'stock-aggregation' },
  { prefix: '/V1/inventory/are-products-salable', service: 'stock-aggregation' },
  { prefix: '/V1/inventory/are-products-salable-for-requested-qty', service: 'stock-aggregation' },
  { prefix: '/V1/inventory/product-configuration', service: 'stock-aggregation' },
  { prefix: '/V1/inventory/stock-items', service: 'stock-aggregation' },
  { prefix: '/V1/inventory/configuration', service: 'stock-aggregation' },
  { prefix: '/V1/inventory/export-stock-salable-qty', service: 'stock-aggregation' },
  { prefix: '/V1/inventory/salable-quantities', service: 'stock-aggregation' },
  { prefix: '/V1/inventory/are-product-salable-for-requested-qty', service: 'stock-aggregation' },
  { prefix: '/V1/inventory/checkout', service: 'reservations' },
  { prefix: '/V1/inventory/holds', service: 'reservations' },
  { prefix: '/V1/inventory/reservations', service: 'reservations' },
  { prefix: '/V1/inventory/source-selection-algorithm-result', service: 'shipment-matching' },
  { prefix: '/V1/inventory/source-selection-algorithm-list', service: 'shipment-matching' },
  { prefix: '/V1/inventory/source-selection-algorithm-default', service: 'shipment-matching' },
  { prefix: '/V1/inventory/in-store-pickup', service: 'shipment-matching' },
  { prefix: '/V1/inventory/shipments', service: 'shipment-matching' },
];

/** Resolves a request path to its owning service, or undefined (the gateway then answers 404). */
export function routeFor(path: string): DomainServiceName | undefined {
  const match = GATEWAY_ROUTES.filter(
    (r) => path === r.prefix || path.startsWith(`${r.prefix}/`) || path.startsWith(`${r.prefix}?`),
  ).sort((a, b) => b.prefix.length - a.prefix.length)[0];
  return match?.service;
}
