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

/**
 * V8's old-space limit of every service process, in MB. Without one V8 sizes the heap from the
 * machine's memory (gigabytes here) and lets garbage pile up under load: the reservations service
 * passed 400 MB resident in the benchmark with about 40 MB live. With it, collections come sooner
 * and a service stays under 300 MB resident. The image sets it in NODE_OPTIONS; `npm start`, the
 * tests and the benchmarks pass it as a flag (`SERVICE_HEAP_MB` overrides it there).
 */
export const SERVICE_HEAP_MB = 192;

/** The node flag that applies SERVICE_HEAP_MB (or the `SERVICE_HEAP_MB` variable when set). */
export function serviceHeapFlag(env: NodeJS.ProcessEnv = process.env): string {
  const mb = env.SERVICE_HEAP_MB || String(SERVICE_HEAP_MB);
  if (!/^[1-9]\d*$/.test(mb))
    throw new Error(`SERVICE_HEAP_MB must be a whole number of MB, got "${mb}"`);
  return `--max-old-space-size=${mb}`;
}
