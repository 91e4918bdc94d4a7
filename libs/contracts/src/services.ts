import { setFlagsFromString } from 'v8';
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

/**
 * How far V8 lets the old space grow past what the last full collection kept before it starts
 * the next one, in percent. V8 derives that factor from the heap limit: under 256 MB it uses its
 * smallest, 1.3, so with SERVICE_HEAP_MB the reservations service ran a full (mark-compact)
 * collection about every 400 ms under load, each pausing it for 5–12 ms and marking for about
 * 30 ms, and its decision latency spiked with them. At 100 (a factor of 2, still bounded by
 * SERVICE_HEAP_MB) it runs a quarter as many. Every service applies it at start
 * (`applyServiceHeapGrowth`); `SERVICE_HEAP_GROWING_PERCENT` overrides it, 0 leaves V8's own.
 */
export const SERVICE_HEAP_GROWING_PERCENT = 100;

/**
 * Sets V8's heap growing factor for this process (node refuses the flag in NODE_OPTIONS, so it
 * is set from inside, before the service allocates its working set). Returns the percent set,
 * or 0 when left to V8 (the variable is 0, or the process was started with the flag).
 */
export function applyServiceHeapGrowth(
  env: NodeJS.ProcessEnv = process.env,
  execArgv: readonly string[] = process.execArgv,
): number {
  const value = env.SERVICE_HEAP_GROWING_PERCENT || String(SERVICE_HEAP_GROWING_PERCENT);
  if (!/^\d+$/.test(value))
    throw new Error(
      `SERVICE_HEAP_GROWING_PERCENT must be a whole number of percent, got "${value}"`,
    );
  const percent = Number(value);
  if (percent === 0 || execArgv.some((a) => /^--heap[-_]growing[-_]percent/.test(a))) return 0;
  setFlagsFromString(`--heap-growing-percent=${percent}`);
  return percent;
}

/** The node flag that applies SERVICE_HEAP_MB (or the `SERVICE_HEAP_MB` variable when set). */
export function serviceHeapFlag(env: NodeJS.ProcessEnv = process.env): string {
  const mb = env.SERVICE_HEAP_MB || String(SERVICE_HEAP_MB);
  if (!/^[1-9]\d*$/.test(mb))
    throw new Error(`SERVICE_HEAP_MB must be a whole number of MB, got "${mb}"`);
  return `--max-old-space-size=${mb}`;
}
