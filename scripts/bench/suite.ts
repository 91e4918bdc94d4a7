import { ChildProcess, spawn } from 'child_process';
import { randomBytes } from 'crypto';
import { existsSync, readFileSync } from 'fs';
import { createServer } from 'net';
import { cpus } from 'os';
import { join } from 'path';
import Redis from 'ioredis';
import { Client } from 'pg';
import { apiKeyEntry, generateApiKey } from '@inventory/auth';
import { SCOPES } from '@inventory/contracts';
import { serviceNodeArgs } from '@inventory/testing';
import type { BenchEnv } from './event-store.part';

/**
 * The services a salable benchmark needs (source-inventory, stock-aggregation, gateway), each a
 * built app from dist/ in its own process, on a private database, Redis key prefix and Kafka
 * topic prefix, plus the seeding of sources, a stock and source items through the gateway.
 */

const ROOT = join(__dirname, '..', '..', '..');
const live = new Set<ChildProcess>();
// A crashed bench must not leave services behind on the ports of the next run.
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

export interface BenchProcess {
  name: string;
  url: string;
  pid: number;
  /** Throws a FatalError (with the tail of its output) once the process has exited. */
  checkAlive(): void;
  output(): string;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** This bench process's API key (every scope); the services it starts accept its digest. */
export const BENCH_API_KEY = generateApiKey();
export const BENCH_AUTH_HEADERS = { authorization: `Bearer ${BENCH_API_KEY}` };

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** An error `until` does not retry (a service died). */
export class FatalError extends Error {}

export async function until<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  timeoutMs = 60000,
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined && v !== false) return v;
    } catch (err) {
      if (err instanceof FatalError) throw err;
      last = err;
    }
    if (Date.now() > deadline)
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`,
      );
    await sleep(intervalMs);
  }
}

/** Spawns a node script; `ready` resolves once the process answers (or it exits first). */
export function spawnNode(
  name: string,
  script: string,
  args: string[],
  env: Record<string, string>,
): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  let output = '';
  const child = spawn(process.execPath, [...serviceNodeArgs(), script, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  child.stdout!.on('data', (d) => (output = (output + d).slice(-20000)));
  child.stderr!.on('data', (d) => (output = (output + d).slice(-20000)));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      live.delete(child);
      resolve(code);
    }),
  );
  return { child, output: () => output, exited };
}

async function stopChild(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15000);
  await exited;
  clearTimeout(timer);
}

/** A built app (dist/apps/<app>/src/main.js) on a free port, ready when /health/ready is 200. */
export async function startApp(app: string, env: Record<string, string>): Promise<BenchProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const p = spawnNode(app, join(ROOT, 'dist', 'apps', app, 'src', 'main.js'), [], {
    // Production settings: no per-request logging below warn.
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    HTTP_PORT: String(port),
    AUTH_API_KEYS: apiKeyEntry('bench', BENCH_API_KEY, SCOPES),
    ...env,
  });
  let exitCode: number | null | undefined;
  void p.exited.then((c) => (exitCode = c));
  const failed = () => new Error(`${app} exited (${exitCode}):\n${p.output().slice(-3000)}`);
  await until(
    `${app} to be ready`,
    async () => {
      if (exitCode !== undefined) return 'exited';
      const res = await fetch(`${url}/health/ready`).catch(() => undefined);
      return res?.ok;
    },
    90000,
    200,
  ).catch(async (err) => {
    await stopChild(p.child, p.exited);
    throw new Error(`${(err as Error).message}\n${p.output().slice(-3000)}`);
  });
  if (exitCode !== undefined) throw failed();
  return {
    name: app,
    url,
    pid: p.child.pid!,
    checkAlive: () => {
      if (exitCode !== undefined || p.child.signalCode !== null)
        throw new FatalError(
          `${app} exited (${exitCode ?? p.child.signalCode}):\n${p.output().slice(-3000)}`,
        );
    },
    output: p.output,
    stop: () => stopChild(p.child, p.exited),
  };
}

export interface Stack {
  run: string;
  sources: BenchProcess;
  stocks: BenchProcess;
  gateway: BenchProcess;
  redis: Redis;
  keyPrefix: string;
  stop(): Promise<void>;
}

/** Starts the three services on a fresh database; `stop` removes everything it created. */
export async function startStack(env: BenchEnv, log: (s: string) => void): Promise<Stack> {
  const brokers = process.env.KAFKA_BROKERS;
  if (!brokers)
    throw new Error('KAFKA_BROKERS is not set: run through "npm run bench" (scripts/bench.sh)');
  const run = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const database = `inventory_bench_sa_${run}`;
  const adminUrl = new URL(env.databaseUrl);
  adminUrl.pathname = '/postgres';
  const dbUrl = new URL(env.databaseUrl);
  dbUrl.pathname = `/${database}`;
  const admin = new Client({ connectionString: adminUrl.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${database}"`);
  const keyPrefix = `bench:${run}:`;
  const redis = new Redis(env.redisUrl);
  const started: BenchProcess[] = [];
  const stop = async () => {
    await Promise.all(started.map((s) => s.stop()));
    for await (const keys of redis.scanStream({ match: `${keyPrefix}*`, count: 1000 })) {
      if ((keys as string[]).length) await redis.unlink(...(keys as string[]));
    }
    redis.disconnect();
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.end();
  };
  try {
    const serviceEnv = {
      DATABASE_URL: dbUrl.toString(),
      REDIS_URL: env.redisUrl,
      REDIS_KEY_PREFIX: keyPrefix,
      KAFKA_BROKERS: brokers,
      KAFKA_TOPIC_PREFIX: `bench${run}.`,
    };
    log(`starting source-inventory and stock-aggregation (database ${database})`);
    const [sources, stocks] = await Promise.all(
      ['source-inventory', 'stock-aggregation'].map(async (app) => {
        const s = await startApp(app, serviceEnv);
        started.push(s);
        return s;
      }),
    );
    const gateway = await startApp('gateway', {
      SOURCE_INVENTORY_URL: sources.url,
      STOCK_AGGREGATION_URL: stocks.url,
      REDIS_URL: serviceEnv.REDIS_URL,
      REDIS_KEY_PREFIX: serviceEnv.REDIS_KEY_PREFIX,
      // Seeding saves items in bulk; on a busy 2-core box one request can take over the default 5 s.
      UPSTREAM_TIMEOUT_MS: '30000',
      // One load generator is one client: measure what the gateway serves, not its rate limit.
      RATE_LIMIT_MAX: '0',
    });
    started.push(gateway);
    log(`services ready: gateway ${gateway.url}, stock-aggregation ${stocks.url}`);
    return { run, sources, stocks, gateway, redis, keyPrefix, stop };
  } catch (err) {
    await stop().catch(() => undefined);
    throw err;
  }
}

export async function send(
  base: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<Response> {
  return fetch(`${base}${path}`, {
    method,
    headers:
      body === undefined
        ? BENCH_AUTH_HEADERS
        : { ...BENCH_AUTH_HEADERS, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function ok(res: Response, what: string): Promise<unknown> {
  const text = await res.text();
  if (!res.ok) throw new Error(`${what}: HTTP ${res.status} ${text.slice(0, 500)}`);
  return text ? JSON.parse(text) : undefined;
}

export interface Seeded {
  stockId: number;
  sourceCodes: [string, string];
  skus: string[];
  /** Quantity of each SKU in the first and second source; salable = their sum. */
  quantities: Array<[number, number]>;
}

/**
 * Two enabled sources linked to a new stock and `count` SKUs with an in-stock item in each,
 * saved through the gateway; resolves once every salable quantity is in the read model.
 */
export async function seedStock(
  stack: Stack,
  count: number,
  log: (s: string) => void,
): Promise<Seeded> {
  const gw = (method: string, path: string, body?: unknown) =>
    send(stack.gateway.url, method, path, body);
  const sourceCodes: [string, string] = [`wh-a-${stack.run}`, `wh-b-${stack.run}`];
  for (const code of sourceCodes) {
    await ok(
      await gw('POST', '/V1/inventory/sources', {
        source: {
          source_code: code,
          name: code,
          enabled: true,
          country_id: 'DE',
          postcode: '10115',
        },
      }),
      `create source ${code}`,
    );
  }
  const stockId = (await ok(
    await gw('POST', '/V1/inventory/stocks', {
      stock: {
        name: `Bench ${stack.run}`,
        extension_attributes: { sales_channels: [{ type: 'website', code: `web-${stack.run}` }] },
      },
    }),
    'create stock',
  )) as number;
  const links = sourceCodes.map((source_code, i) => ({
    stock_id: stockId,
    source_code,
    priority: i + 1,
  }));
  await until(
    'the sources to be known to stock-aggregation',
    async () => {
      for (const s of [stack.sources, stack.stocks, stack.gateway]) s.checkAlive();
      return (await gw('POST', '/V1/inventory/stock-source-links', { links })).ok;
    },
    30000,
    50,
  );
  const skus = Array.from({ length: count }, (_, i) => `BENCH-${stack.run}-${i}`);
  const quantities = skus.map((_, i): [number, number] => [10 + (i % 7), 3]);
  const items = skus.flatMap((sku, i) =>
    sourceCodes.map((source_code, s) => ({
      sku,
      source_code,
      quantity: quantities[i][s],
      status: 1,
    })),
  );
  for (let i = 0; i < items.length; i += 500) {
    await ok(
      await gw('POST', '/V1/inventory/source-items', { sourceItems: items.slice(i, i + 500) }),
      'save source items',
    );
  }
  log(`seeded stock ${stockId}: ${count} SKUs × 2 sources; waiting for the salable read model`);
  const started = Date.now();
  for (let i = 0; i < skus.length; i += 1000) {
    const chunk = skus.slice(i, i + 1000);
    await until(
      'salable quantities of the seeded SKUs',
      async () => {
        stack.stocks.checkAlive();
        const body = (await ok(
          await send(stack.stocks.url, 'POST', '/V1/inventory/salable-quantities', {
            stock_id: stockId,
            skus: chunk,
          }),
          'read salable quantities',
        )) as Array<{ salable_qty: number }>;
        return body.every((r, j) => r.salable_qty === salable(quantities[i + j]));
      },
      120000,
      200,
    );
  }
  log(`salable read model complete after ${Date.now() - started} ms`);
  return { stockId, sourceCodes, skus, quantities };
}

export const salable = (q: [number, number]) => q[0] + q[1];

/** The bare Fastify baseline (bare-fastify.ts) in a child process of its own. */
export async function startBareFastify(): Promise<BenchProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const p = spawnNode('bare-fastify', join(__dirname, 'bare-fastify.js'), [String(port)], {
    NODE_ENV: 'production',
  });
  await until(
    'the bare Fastify server',
    async () => (await fetch(`${url}/health/ready`).catch(() => undefined))?.ok,
    30000,
    100,
  );
  return {
    name: 'bare-fastify',
    url,
    pid: p.child.pid!,
    checkAlive: () => {
      if (p.child.exitCode !== null || p.child.signalCode !== null)
        throw new FatalError(`bare-fastify exited:\n${p.output().slice(-3000)}`);
    },
    output: p.output,
    stop: () => stopChild(p.child, p.exited),
  };
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux). */
export function cpuSeconds(pid: number = process.pid): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks
  } catch {
    return NaN;
  }
}

/** CPU seconds all cores have spent busy since boot, from /proc/stat (Linux). */
export function machineCpuSeconds(): number {
  try {
    const [, ...f] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
    const [user, nice, system, , , irq, softirq, steal] = f.map(Number);
    return (user + nice + system + irq + softirq + (steal || 0)) / 100;
  } catch {
    return NaN;
  }
}

/** The PID of the Redis server (when it runs on this machine) and of the benchmark's broker. */
export async function infraPids(redis: Redis): Promise<number[]> {
  const pids: number[] = [];
  const info = await redis.info('server').catch(() => '');
  const m = /process_id:(\d+)/.exec(info);
  if (m && existsSync(`/proc/${m[1]}`)) pids.push(Number(m[1]));
  const kafkaPid = process.env.KAFKA_STATE_DIR
    ? join(process.env.KAFKA_STATE_DIR, 'kafka.pid')
    : undefined;
  if (kafkaPid && existsSync(kafkaPid)) pids.push(Number(readFileSync(kafkaPid, 'utf8').trim()));
  return pids;
}

/**
 * Starts measuring how busy the machine is; the returned function tells, in cores, how much CPU
 * the whole machine, the given processes (and this one) and everything else used since.
 */
export function cpuMeter(pids: number[]): () => { machine: number; ours: number; others: number } {
  const all = [process.pid, ...pids];
  const machine0 = machineCpuSeconds();
  const own0 = all.map((p) => cpuSeconds(p));
  const t0 = performance.now();
  return () => {
    const elapsed = (performance.now() - t0) / 1000;
    const machine = (machineCpuSeconds() - machine0) / elapsed;
    const ours = all.reduce((sum, p, i) => sum + cpuSeconds(p) - own0[i], 0) / elapsed;
    return { machine, ours, others: machine - ours };
  };
}

export function cpuNote(
  used: { machine: number; ours: number; others: number },
  ours: string,
): string {
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  return `Machine CPU while measuring (100% = one core, ${cpus().length} cores): ${pct(used.machine)} busy in all; ${ours} ${pct(used.ours)}; everything else ${pct(used.others)}.${used.others > 0.3 ? ' Other processes kept the cores busy during this run too, so the figures may be worse than on an otherwise idle machine.' : ''}`;
}
