/**
 * Who may call which REST route: the one place access is decided (docs/security.md). The
 * services and the gateway enforce this table; a service refuses to start with a route that has
 * no entry here, and test/security proves every registered route is covered.
 *
 * A scope grants exactly what is listed for it, nothing implied: an operator's tool that also
 * reads gets `inventory:admin` and `inventory:read`.
 */
export const SCOPES = ['inventory:admin', 'inventory:checkout', 'inventory:read'] as const;
export type Scope = (typeof SCOPES)[number];

/** `public` routes need no credentials: health, metrics and the API documents. */
export type RouteAccess = Scope | 'public';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';

export interface RouteScope {
  method: HttpMethod;
  /**
   * The route as the services register it (`:param` segments); a trailing `*` covers every path
   * that starts with what precedes it (for a service still growing its routes).
   */
  path: string;
  access: RouteAccess;
}

const V1 = '/V1/inventory';
const route =
  (access: RouteAccess) =>
  (method: HttpMethod, path: string): RouteScope => ({ method, path, access });
const pub = route('public');
const admin = route('inventory:admin');
const checkout = route('inventory:checkout');
const read = route('inventory:read');

export const ROUTE_SCOPES: readonly RouteScope[] = [
  // Operations, on every service and the gateway.
  pub('GET', '/health'),
  pub('GET', '/health/live'),
  pub('GET', '/health/ready'),
  pub('GET', '/metrics'),
  pub('GET', '/openapi.json'),
  pub('GET', '/docs'),
  pub('GET', '/docs/*'),
  pub('GET', '/docs-yaml'),
  admin('POST', '/diagnostics/bus-probes'),
  read('GET', '/diagnostics/bus-probes/:probeId'),

  // source-inventory: sources, source items, notifications, transfers, deductions.
  read('GET', `${V1}/sources`),
  admin('POST', `${V1}/sources`),
  read('GET', `${V1}/sources/:sourceCode`),
  admin('PUT', `${V1}/sources/:sourceCode`),
  read('GET', `${V1}/source-items`),
  admin('POST', `${V1}/source-items`),
  admin('POST', `${V1}/source-items-delete`),
  read('GET', `${V1}/source-items/:sourceCode/:sku/history`),
  admin('POST', `${V1}/source-item-adjustments`),
  admin('POST', `${V1}/bulk-product-source-assign`),
  admin('POST', `${V1}/bulk-product-source-unassign`),
  read('GET', `${V1}/low-quantity-notification/:sourceCode/:sku`),
  admin('POST', `${V1}/low-quantity-notification`),
  admin('POST', `${V1}/low-quantity-notifications-delete`),
  read('GET', `${V1}/low-quantity-report`),
  admin('POST', `${V1}/bulk-partial-source-transfer`),
  admin('POST', `${V1}/bulk-product-source-transfer`),
  admin('POST', `${V1}/source-transfers`),
  read('GET', `${V1}/source-transfers/:id`),
  admin('POST', `${V1}/source-transfers/:id/dispatch`),
  admin('POST', `${V1}/source-transfers/:id/receive`),
  admin('POST', `${V1}/source-transfers/:id/cancel`),
  read('GET', `${V1}/source-deductions/:shipmentId`),

  // stock-aggregation: stocks, channels, links, configuration, salability.
  read('GET', `${V1}/stocks`),
  admin('POST', `${V1}/stocks`),
  read('GET', `${V1}/stocks/:stockId`),
  admin('PUT', `${V1}/stocks/:stockId`),
  admin('DELETE', `${V1}/stocks/:stockId`),
  read('GET', `${V1}/stock-resolver/:type/:code`),
  read('GET', `${V1}/stock-source-links`),
  admin('POST', `${V1}/stock-source-links`),
  admin('POST', `${V1}/stock-source-links-delete`),
  read('GET', `${V1}/get-sources-assigned-to-stock-ordered-by-priority/:stockId`),
  read('GET', `${V1}/configuration`),
  admin('PUT', `${V1}/configuration`),
  read('GET', `${V1}/stock-items/:sku`),
  admin('PUT', `${V1}/stock-items/:sku`),
  read('GET', `${V1}/single-source-mode`),
  read('GET', `${V1}/get-product-salable-quantity/:sku/:stockId`),
  read('GET', `${V1}/is-product-salable/:sku/:stockId`),
  read('GET', `${V1}/are-products-salable`),
  read('GET', `${V1}/is-product-salable-for-requested-qty/:sku/:stockId/:requestedQty`),
  read('GET', `${V1}/are-product-salable-for-requested-qty`),
  // MSI documents this one with a trailing slash; stock-aggregation registers both spellings.
  read('GET', `${V1}/are-product-salable-for-requested-qty/`),
  read('GET', `${V1}/export-stock-salable-qty/:salesChannelType/:salesChannelCode`),
  // A read with the SKU list in the body (too long for a URL): reading, not changing.
  read('POST', `${V1}/salable-quantities`),

  // reservations: the checkout API and cart holds, reading a hold included (it is the cart's).
  checkout('POST', `${V1}/checkout/reservations`),
  checkout('POST', `${V1}/holds`),
  checkout('GET', `${V1}/holds/:holdId`),
  checkout('PUT', `${V1}/holds/:holdId`),
  checkout('DELETE', `${V1}/holds/:holdId`),

  // shipment-matching: source selection, in-store pickup, shipments; reads and commands.
  ...(['source-selection-*', 'in-store-pickup/*', 'shipments*'] as const).flatMap((p) => [
    read('GET', `${V1}/${p}`),
    admin('POST', `${V1}/${p}`),
    admin('PUT', `${V1}/${p}`),
    admin('DELETE', `${V1}/${p}`),
  ]),
];
