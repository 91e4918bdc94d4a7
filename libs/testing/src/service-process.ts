import { ChildProcess, spawn } from 'child_process';
import { createWriteStream, existsSync, mkdirSync } from 'fs';
import { dirname, join } from 'path';
import { serviceHeapFlag } from '@inventory/contracts';
import { testAuthEnv } from './credentials';
import { freePort } from './ports';
import { waitFor } from './wait-for';

/** The repository root: the nearest parent with package.json (from src/ or from dist/). */
function findRoot(dir: string): string {
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, 'package.json'))) return d;
    if (dirname(d) === d) return join(__dirname, '..', '..', '..');
  }
}

const ROOT = findRoot(__dirname);

export interface ServiceProcess {
  name: string;
  url: string;
  port: number;
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  waitReady(timeoutMs?: number): Promise<void>;
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function mainFile(app: string): string {
  const file = join(ROOT, 'dist', 'apps', app, 'src', 'main.js');
  if (!existsSync(file))
    throw new Error(`${file} is missing: run "npm run build" first (npm test does)`);
  return file;
}

/**
 * Node flags for every started service: the heap limit every deployment uses (serviceHeapFlag),
 * then SERVICE_NODE_ARGS (e.g. `--cpu-prof --cpu-prof-dir=.run/prof` to profile them; node
 * refuses --cpu-prof in NODE_OPTIONS).
 */
export function serviceNodeArgs(): string[] {
  return [serviceHeapFlag(), ...(process.env.SERVICE_NODE_ARGS ?? '').split(' ').filter(Boolean)];
}

/**
 * Starts a built app as a child process on a free port with the given environment, which by
 * default accepts the run's API key (testAuthEnv; `env` may set other AUTH_* variables).
 */
export async function startService(
  app: string,
  env: Record<string, string>,
  port?: number,
): Promise<ServiceProcess> {
  const httpPort = port ?? (await freePort());
  let output = '';
  const child = spawn(process.execPath, [...serviceNodeArgs(), mainFile(app)], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      HTTP_PORT: String(httpPort),
      ...testAuthEnv(),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  // SERVICE_LOG_DIR keeps each service's whole output in a file too (e.g. with
  // SERVICE_NODE_ARGS=--trace-gc): <dir>/<app>-<pid>.log.
  const logDir = process.env.SERVICE_LOG_DIR;
  if (logDir && child.pid) {
    mkdirSync(logDir, { recursive: true });
    const file = createWriteStream(join(logDir, `${app}-${child.pid}.log`));
    child.stdout!.pipe(file, { end: false });
    child.stderr!.pipe(file, { end: false });
    child.once('close', () => file.end());
  }
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  let done = false;
  void exited.then(() => (done = true));
  const url = `http://127.0.0.1:${httpPort}`;
  return {
    name: app,
    url,
    port: httpPort,
    child,
    output: () => output,
    exited,
    async waitReady(timeoutMs = 60000) {
      await waitFor(
        async () => {
          if (done) throw new Error(`${app} exited during start:\n${output.slice(-3000)}`);
          const res = await fetch(`${url}/health/ready`).catch(() => undefined);
          return res?.ok;
        },
        { timeoutMs, what: `${app} to be ready`, intervalMs: 200 },
      ).catch((err) => {
        throw done ? err : new Error(`${(err as Error).message}\n${output.slice(-3000)}`);
      });
    },
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (!done) child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 20000);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
  };
}
