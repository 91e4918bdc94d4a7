/** The deployables and the port each listens on by default (gateway is the single public entry). */
export const SERVICES = {
  gateway: { defaultPort: 8080 },
  'source-inventory': { defaultPort: 8081 },
  'stock-aggregation': { defaultPort: 8082 },
  reservations: { defaultPort: 8083 },
  'shipment-matching': { defaultPort: 8084 },
} as const;

export type ServiceName = keyof typeof SERVICES;
export type DomainServiceName = Exclude<ServiceName, 'gateway'>;

export const DOMAIN_SERVICES: DomainServiceName[] = [
  'source-inventory',
  'stock-aggregation',
  'reservations',
  'shipment-matching',
];

/** Env variable through which the gateway learns a service's base URL, e.g. SOURCE_INVENTORY_URL. */
export function serviceUrlVariable(service: DomainServiceName): string {
  return `${service.toUpperCase().replace(/-/g, '_')}_URL`;
}
