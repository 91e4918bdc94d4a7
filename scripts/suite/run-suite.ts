import { ChildProcess, spawn } from 'child_process';
import { createWriteStream, mkdirSync, writeFileSync } from 'fs';
import { join } from 'path';
import { apiKeyEntry, generateApiKey } from '@inventory/auth';
import {
  DOMAIN_SERVICES,
  SCOPES,
  SERVICES,
  ServiceName,
  serviceHeapFlag,
  serviceUrlVariable,
} from '@inventory/contracts';
import { seedDemoData } from './demo-data';

/**
 * Starts the four domain services and the gateway from dist/, waits until each is ready, loads
 * the demo data set, prints where everything runs, and on Ctrl-C (SIGINT) or SIGTERM stops all
 * of them gracefully (SIGKILL after 20 s). Logs go to .run/logs/<service>.log.
 *
 * Every REST route needs credentials: the services accept INVENTORY_API_KEY (generated here
 * when unset) with every scope, given to them only as its SHA-256 digest, next to any keys
 * AUTH_API_KEYS already lists. The key is printed, and kept in .run/api-key (mode 600).
 */
const ROOT = join(__dirname, '..', '..', '..');
const LOG_DIR = join(ROOT, '.run', 'logs');
const children = new Map<ServiceName, ChildProcess>();
let stopping = false;

function url(name: ServiceName): string {
  return `http://127.0.0.1:${SERVICES[name].defaultPort}`;
}

function start(name: ServiceName, env: NodeJS.ProcessEnv): void {
  const log = createWriteStream(join(LOG_DIR, `${name}.log`), { flags: 'a' });
  const main = join(ROOT, 'dist', 'apps', name, 'src', 'main.js');
  const child = spawn(process.execPath, [serviceHeapFlag(), main], {
    env: { ...env, HTTP_PORT: String(SERVICES[name].defaultPort) },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // own process group: Ctrl-C reaches us only, and we stop children in order
  });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  child.once('exit', (code, signal) => {
    children.delete(name);
    if (!stopping) {
      console.error(
        `[suite] ${name} exited unexpectedly (code ${code}, signal ${signal}); see .run/logs/${name}.log`,
      );
      void stopAll(1);
    }
  });
  children.set(name, child);
}

async function waitReady(name: ServiceName, timeoutMs = 90000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!children.has(name)) throw new Error(`${name} exited during start`);
    const res = await fetch(`${url(name)}/health/ready`).catch(() => undefined);
    if (res?.ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${name} not ready after ${timeoutMs} ms; see .run/logs/${name}.log`);
}

/**
 * Once: Ctrl-C sends SIGINT to the whole foreground group, and start.sh forwards a SIGTERM too,
 * so both signals arrive here.
 */
let stopped: Promise<never> | undefined;
function stopAll(code: number): Promise<never> {
  stopped ??= stopChildren(code);
  return stopped;
}

async function stopChildren(code: number): Promise<never> {
  stopping = true;
  const exits = [...children.entries()].map(
    ([name, child]) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(() => child.kill('SIGKILL'), 20000);
        child.once('exit', () => {
          clearTimeout(timer);
          console.log(`[suite] ${name} stopped`);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  );
  await Promise.all(exits);
  process.exit(code);
}

/** The local key and the AUTH_API_KEYS that lets the services accept it. */
function localCredentials(): { apiKey: string; generated: boolean; authApiKeys: string } {
  const given = process.env.INVENTORY_API_KEY;
  const apiKey = given || generateApiKey();
  const entry = apiKeyEntry('local', apiKey, SCOPES);
  const authApiKeys = [process.env.AUTH_API_KEYS, entry].filter(Boolean).join(',');
  writeFileSync(join(ROOT, '.run', 'api-key'), `${apiKey}\n`, { mode: 0o600 });
  return { apiKey, generated: !given, authApiKeys };
}

function printTable(apiKey: string, generated: boolean): void {
  const rows = [
    ['gateway (REST API, /docs, /health)', url('gateway')],
    ...DOMAIN_SERVICES.map((s) => [s, url(s)]),
    ['Kafka', process.env.KAFKA_BROKERS ?? ''],
    ['PostgreSQL', (process.env.DATABASE_URL ?? '').replace(/:[^:@/]+@/, ':***@')],
    ['Redis', process.env.REDIS_URL ?? ''],
  ];
  console.log('\nInventory platform is running:\n');
  for (const [what, where] of rows) console.log(`  ${what.padEnd(38)} ${where}`);
  console.log(
    `\n  API docs: ${url('gateway')}/docs   health: ${url('gateway')}/health   logs: .run/logs/`,
  );
  console.log(
    `\n  API key (${generated ? 'generated for this run; set INVENTORY_API_KEY to choose your own' : 'INVENTORY_API_KEY'}; also in .run/api-key):`,
  );
  console.log(`    ${apiKey}`);
  console.log(
    `  Try: curl -s -H "Authorization: Bearer ${apiKey}" ${url('gateway')}/V1/inventory/sources`,
  );
  console.log('  Press Ctrl-C to stop everything this command started.\n');
}

async function main(): Promise<void> {
  mkdirSync(LOG_DIR, { recursive: true });
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));
  const { apiKey, generated, authApiKeys } = localCredentials();
  const { INVENTORY_API_KEY: _key, ...inherited } = process.env;
  const env = {
    ...inherited,
    NODE_ENV: process.env.NODE_ENV ?? 'development',
    AUTH_API_KEYS: authApiKeys,
  };
  for (const name of DOMAIN_SERVICES) start(name, env);
  await Promise.all(DOMAIN_SERVICES.map((n) => waitReady(n)));
  start('gateway', {
    ...env,
    ...Object.fromEntries(DOMAIN_SERVICES.map((s) => [serviceUrlVariable(s), url(s)])),
  });
  await waitReady('gateway');
  await seedDemoData(url('gateway'), apiKey, (line) => console.log(`[demo] ${line}`));
  printTable(apiKey, generated);
}

main().catch((err) => {
  console.error(`[suite] ${(err as Error).message}`);
  void stopAll(1);
});
