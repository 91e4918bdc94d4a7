import { execFile } from 'child_process';
import { promisify } from 'util';
import Redis from 'ioredis';

const run = promisify(execFile);

/** The fields redis-benchmark prints per test with --csv (Redis 7: rps, then latencies in ms). */
export function parseRedisBenchmarkCsv(out: string): { rps: number; p50: number; p99: number } {
  const rows = out
    .trim()
    .split('\n')
    .map((l) => l.split('","').map((c) => c.replace(/^"|"$/g, '')));
  const header = rows.findIndex((r) => r[0] === 'test');
  const values = header >= 0 ? rows[header + 1] : rows.find((r) => r.length >= 2);
  if (!values || Number.isNaN(Number(values[1])))
    throw new Error(`redis-benchmark printed no result:\n${out.slice(-2000)}`);
  const at = (name: string) =>
    header >= 0 && rows[header].includes(name) ? Number(values[rows[header].indexOf(name)]) : NaN;
  return { rps: Number(values[1]), p50: at('p50_latency_ms'), p99: at('p99_latency_ms') };
}

export interface RedisBenchOptions {
  redisUrl: string;
  /** Key prefix of this run; the keys are removed afterwards by `cleanRedisKeys`. */
  prefix: string;
  requests: number;
  clients: number;
  pipeline: number;
}

/**
 * `redis-benchmark` (shipped with redis-server) running one SET or GET command over 1,000 keys of
 * this run's prefix with a 64-byte value, as the read models hold about 1,000 SKUs per stock.
 * A custom command rather than `-t set,get`, so its keys never touch anyone else's.
 */
export async function redisBenchmark(
  o: RedisBenchOptions,
  command: 'SET' | 'GET',
): Promise<{ rps: number; p50: number; p99: number }> {
  const url = new URL(o.redisUrl);
  const args = ['-h', url.hostname, '-p', url.port || '6379'];
  const db = url.pathname.replace('/', '');
  if (db) args.push('--dbnum', db);
  if (url.username) args.push('--user', decodeURIComponent(url.username));
  if (url.password) args.push('-a', decodeURIComponent(url.password), '--no-auth-warning');
  args.push('-n', String(o.requests), '-c', String(o.clients), '-P', String(o.pipeline));
  args.push('-r', '1000', '--csv');
  const key = `${o.prefix}__rand_int__`;
  args.push(...(command === 'SET' ? ['SET', key, 'v'.repeat(64)] : ['GET', key]));
  try {
    const { stdout } = await run('redis-benchmark', args, { timeout: 300000 });
    return parseRedisBenchmarkCsv(stdout);
  } catch (err) {
    const e = err as Error & { stderr?: string; stdout?: string };
    throw new Error(`redis-benchmark failed: ${e.message}\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
}

export async function cleanRedisKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl);
  try {
    for await (const keys of redis.scanStream({ match: `${prefix}*`, count: 1000 })) {
      if ((keys as string[]).length) await redis.unlink(...(keys as string[]));
    }
  } finally {
    redis.disconnect();
  }
}
