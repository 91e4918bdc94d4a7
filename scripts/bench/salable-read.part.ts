import { loadavg } from 'os';
import autocannon from 'autocannon';
import type { BenchEnv } from './event-store.part';
import { rssSampler, type RssSummary } from './memory';
import { PartResult, machine } from './report';
import { figure } from './stats';
import {
  BENCH_AUTH_HEADERS,
  BenchProcess,
  cpuMeter,
  cpuNote,
  cpuSeconds,
  infraPids,
  salable,
  seedStock,
  send,
  sleep,
  startBareFastify,
  startStack,
} from './suite';

const CONNECTIONS = 50;
const ROUNDS = 3;
/**
 * Further connection counts, each run in every round after the main runs (for the chart); a
 * quick run keeps one, so the whole quick benchmark stays near two minutes.
 */
const SWEEP = { quick: [1], full: [1, 10, 100] };

interface Target {
  key: 'bare' | 'direct' | 'gateway';
  label: string;
  url: string;
  /** The processes that serve a request to this target (for their CPU share). */
  servers: BenchProcess[];
}

interface CannonRun {
  rps: number;
  p99: number;
  p50: number;
  /** CPU seconds per second of each serving process, then of this (autocannon's) process. */
  cpu: Record<string, number>;
  /** CPU microseconds per completed request of each serving process. */
  cpuPerRequest: Record<string, number>;
}

async function cannon(
  target: Target,
  paths: string[],
  seconds: number,
  offset: { next: number },
  connections = CONNECTIONS,
): Promise<CannonRun> {
  const watched = [
    ...target.servers.map((s) => ({ name: s.name, pid: s.pid })),
    { name: 'autocannon', pid: process.pid },
  ];
  const cpuBefore = watched.map((w) => cpuSeconds(w.pid));
  const started = process.hrtime.bigint();
  const result = await autocannon({
    url: target.url,
    // Every target gets the credential (the bare handler ignores it), as a storefront sends one.
    headers: BENCH_AUTH_HEADERS,
    connections,
    pipelining: 1,
    duration: seconds,
    // Each connection walks the SKUs from its own starting point, so reads spread over them all.
    setupClient: (client) => {
      const from = offset.next++ % paths.length;
      client.setRequests(
        [...paths.slice(from), ...paths.slice(0, from)].map((path) => ({ method: 'GET', path })),
      );
    },
  });
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  for (const s of target.servers) s.checkAlive();
  const failed = result.errors + result.timeouts + result.non2xx;
  if (failed > 0)
    throw new Error(
      `${target.label}: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx of ${result.requests.total} requests`,
    );
  const used = watched.map((w, i) => cpuSeconds(w.pid) - cpuBefore[i]);
  const cpu = Object.fromEntries(watched.map((w, i) => [w.name, used[i] / elapsed]));
  const cpuPerRequest = Object.fromEntries(
    watched.map((w, i) => [w.name, (used[i] / result.requests.total) * 1e6]),
  );
  return {
    rps: result.requests.average,
    p99: result.latency.p99,
    p50: result.latency.p50,
    cpu,
    cpuPerRequest,
  };
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

/**
 * `GET /V1/inventory/get-product-salable-quantity/:sku/:stockId` under load (autocannon) against
 * stock-aggregation directly and through the gateway, next to a bare Fastify handler returning a
 * constant, measured in the same run and interleaved round by round.
 */
export async function salableReadPart(
  env: BenchEnv,
  log: (s: string) => void,
): Promise<PartResult> {
  const before = loadavg();
  const seconds = env.quick ? 2 : 10;
  const warmSeconds = env.quick ? 1 : 3;
  const sweepSeconds = env.quick ? 1 : 5;
  const sweepConnections = env.quick ? SWEEP.quick : SWEEP.full;
  const SKUS = env.quick ? 200 : 1000;
  const stack = await startStack(env, log);
  let bare: BenchProcess | undefined;
  const runs: Record<Target['key'], CannonRun[]> = { bare: [], direct: [], gateway: [] };
  const sweep = new Map<string, CannonRun[]>();
  const rss: Array<Record<string, RssSummary>> = [];
  let idle = '';
  let used = { machine: NaN, ours: NaN, others: NaN };
  try {
    const seeded = await seedStock(stack, SKUS, log);
    bare = await startBareFastify();
    const paths = seeded.skus.map(
      (sku) =>
        `/V1/inventory/get-product-salable-quantity/${encodeURIComponent(sku)}/${seeded.stockId}`,
    );
    const targets: Target[] = [
      { key: 'bare', label: 'bare Fastify (constant)', url: bare.url, servers: [bare] },
      {
        key: 'direct',
        label: 'stock-aggregation directly',
        url: stack.stocks.url,
        servers: [stack.stocks],
      },
      {
        key: 'gateway',
        label: 'through the gateway',
        url: stack.gateway.url,
        servers: [stack.gateway, stack.stocks],
      },
    ];
    // The answers are the seeded quantities, read from Redis (not a constant, not a 404).
    for (const t of targets.slice(1)) {
      for (const i of [0, 1, SKUS - 1]) {
        const res = await send(t.url, 'GET', paths[i]);
        const body = await res.text();
        if (!res.ok || Number(body) !== salable(seeded.quantities[i]))
          throw new Error(`${t.label}: ${paths[i]} answered ${res.status} ${body}`);
      }
    }
    // What the services burn with no request at all (relays, consumers, timers).
    const quiet = [stack.sources, stack.stocks, stack.gateway];
    const idleSeconds = env.quick ? 2 : 3;
    await sleep(env.quick ? 1000 : 2000);
    const idleBefore = quiet.map((p) => cpuSeconds(p.pid));
    await sleep(idleSeconds * 1000);
    idle = quiet
      .map((p, i) => `${p.name} ${pct((cpuSeconds(p.pid) - idleBefore[i]) / idleSeconds)}`)
      .join(', ');
    log(`idle CPU: ${idle}`);
    const offset = { next: 0 };
    for (const t of targets) {
      log(`warm-up ${t.label} (${warmSeconds} s)`);
      await cannon(t, paths, warmSeconds, offset);
    }
    const memory = rssSampler(quiet.map((p) => ({ name: p.name, pid: p.pid })));
    const meter = cpuMeter([
      ...quiet.map((p) => p.pid),
      bare.pid,
      ...(await infraPids(stack.redis)),
    ]);
    for (let round = 0; round < ROUNDS; round++) {
      // Rotated order, so no target always runs first (or right after the gateway's heavier load).
      for (let k = 0; k < targets.length; k++) {
        const t = targets[(round + k) % targets.length];
        const r = await cannon(t, paths, seconds, offset);
        runs[t.key].push(r);
        log(
          `round ${round + 1}/${ROUNDS} ${t.label}: ${Math.round(r.rps)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms; CPU ${Object.entries(
            r.cpu,
          )
            .map(([n, c]) => `${n} ${pct(c)}`)
            .join(', ')}`,
        );
      }
      for (const connections of sweepConnections) {
        for (let k = 0; k < targets.length; k++) {
          const t = targets[(round + k) % targets.length];
          const r = await cannon(t, paths, sweepSeconds, offset, connections);
          const key = `${t.key}:${connections}`;
          sweep.set(key, [...(sweep.get(key) ?? []), r]);
        }
      }
      log(
        `round ${round + 1}/${ROUNDS} at ${sweepConnections.join(', ')} connections: ${targets
          .map(
            (t) =>
              `${t.key} ${sweepConnections.map((c) => Math.round(sweep.get(`${t.key}:${c}`)![round].rps)).join(' / ')} req/s`,
          )
          .join('; ')}`,
      );
      rss.push(memory.take());
    }
    memory.stop();
    used = meter();
  } finally {
    await bare?.stop();
    await stack.stop();
  }

  const ratio = (key: 'direct' | 'gateway') => runs[key].map((r, i) => r.rps / runs.bare[i].rps);
  const shareNote = (key: Target['key']) => {
    const names = Object.keys(runs[key][0].cpu);
    return names
      .map((n) => {
        const shares = runs[key].map((r) => r.cpu[n]).sort((a, b) => a - b);
        return `${n} ${pct(shares[Math.floor(shares.length / 2)])}`;
      })
      .join(', ');
  };
  const perRequest = (key: Target['key'], process: string) =>
    runs[key].map((r) => r.cpuPerRequest[process]);
  const medianOf = (xs: number[]) => figure('', '', xs).median;
  const bottleneckNote = () => {
    const us = (key: Target['key'], process: string) => medianOf(perRequest(key, process));
    const bareUs = us('bare', 'bare-fastify');
    const direct = us('direct', 'stock-aggregation');
    const viaGateway = us('gateway', 'gateway') + us('gateway', 'stock-aggregation');
    const loadGen = us('gateway', 'autocannon');
    const cores = machine(before).cpus;
    return (
      `Throughput follows from CPU time per request. stock-aggregation (one Node.js event loop) spends ${Math.round(direct)} µs per request, so one process serves at most about ${Math.round(1e6 / direct).toLocaleString('en-US')} req/s with a whole core to itself; 15,000 req/s needs about ${Math.round(1e6 / 15000)} µs or less (the bare Fastify handler: ${Math.round(bareUs)} µs). ` +
      `Through the gateway each request costs ${Math.round(viaGateway)} µs in the gateway and stock-aggregation together, plus ${Math.round(loadGen)} µs in autocannon, on ${cores} cores: at most about ${Math.round((cores * 1e6) / (viaGateway + loadGen)).toLocaleString('en-US')} req/s with every core busy: the gateway hop makes the services' work per request ${(viaGateway / direct).toFixed(1)} times that of a direct request. ` +
      `With ${CONNECTIONS} connections waiting on a saturated event loop, latency is mostly queueing (by Little's law the mean is connections / throughput ≈ ${Math.round((CONNECTIONS / medianOf(runs.direct.map((r) => r.rps))) * 1000)} ms directly), so p99 misses its target for the same reason.`
    );
  };
  const load = (['bare', 'direct', 'gateway'] as const).flatMap((key) =>
    [...sweepConnections, CONNECTIONS]
      .sort((a, b) => a - b)
      .map((connections) => {
        const at = connections === CONNECTIONS ? runs[key] : sweep.get(`${key}:${connections}`)!;
        return {
          target: { bare: 'bare Fastify', direct: 'stock-aggregation', gateway: 'gateway' }[key],
          connections,
          rps: medianOf(at.map((r) => r.rps)),
          p99: medianOf(at.map((r) => r.p99)),
        };
      }),
  );
  const services = Object.keys(rss[0] ?? {});
  const rps = { op: '>=' as const, value: 15000 };
  const p99 = { op: '<=' as const, value: 10 };
  const share = { op: '>=' as const, value: 0.6 };
  return {
    part: 'salable-read',
    title: 'Salable-quantity reads (HTTP, Redis read model)',
    measuredAt: new Date().toISOString(),
    machine: machine(before),
    quick: env.quick,
    figures: [
      figure(
        'bare Fastify handler returning a constant: throughput',
        'req/s',
        runs.bare.map((r) => r.rps),
      ),
      figure(
        'bare Fastify handler: p99 latency',
        'ms',
        runs.bare.map((r) => r.p99),
      ),
      figure(
        'stock-aggregation directly: throughput',
        'req/s',
        runs.direct.map((r) => r.rps),
        rps,
      ),
      figure(
        'stock-aggregation directly: p99 latency',
        'ms',
        runs.direct.map((r) => r.p99),
        p99,
      ),
      figure('stock-aggregation directly: share of bare Fastify', '×', ratio('direct'), share),
      figure(
        'through the gateway: throughput',
        'req/s',
        runs.gateway.map((r) => r.rps),
        rps,
      ),
      figure(
        'through the gateway: p99 latency',
        'ms',
        runs.gateway.map((r) => r.p99),
        p99,
      ),
      figure('through the gateway: share of bare Fastify', '×', ratio('gateway'), share),
      figure('CPU per request: bare Fastify process', 'µs', perRequest('bare', 'bare-fastify')),
      figure(
        'CPU per request: stock-aggregation (direct)',
        'µs',
        perRequest('direct', 'stock-aggregation'),
      ),
      figure(
        'CPU per request: gateway (through the gateway)',
        'µs',
        perRequest('gateway', 'gateway'),
      ),
      figure(
        'CPU per request: stock-aggregation (through the gateway)',
        'µs',
        perRequest('gateway', 'stock-aggregation'),
      ),
      figure('CPU per request: autocannon (direct)', 'µs', perRequest('direct', 'autocannon')),
      ...services.flatMap((name) => [
        figure(
          `resident memory, peak: ${name}`,
          'MB',
          rss.map((r) => r[name].peakMb),
          { op: '<=', value: 300 },
        ),
        figure(
          `resident memory, median: ${name}`,
          'MB',
          rss.map((r) => r[name].medianMb),
        ),
      ]),
    ],
    notes: [
      `autocannon (programmatic, in the bench process) with ${CONNECTIONS} connections, pipelining 1, ${seconds} s per run after a ${warmSeconds} s warm-up; ${ROUNDS} rounds, each running the three targets one after another in rotated order. A share is the target's req/s over the bare handler's in the same round.`,
      `Requests cycle over ${SKUS.toLocaleString('en-US')} SKUs of one stock (each connection from its own starting SKU); every answer is read from Redis only (at the time of writing one pipeline per request: HGETALL of the stock-level hash, HMGET of the reservations sums). Before the load, sample answers are checked against the seeded quantities; a run with any error, timeout or non-2xx response fails the benchmark.`,
      'Services run as built apps (NODE_ENV=production, LOG_LEVEL=warn, so no per-request log line), each in its own process; the bare Fastify baseline too.',
      `The machine has ${machine(before).cpus} cores shared by autocannon, the service(s) under load and Redis, so the load generator itself takes a large share of the CPU. Median CPU use during the runs (100% = one core): bare — ${shareNote('bare')}; direct — ${shareNote('direct')}; gateway — ${shareNote('gateway')}. CPU time per request (from /proc, all threads of the process, over the whole run) varies less than req/s when other work shares the machine, but rises with it too. With no requests at all the services used: ${idle} (100% = one core).`,
      bottleneckNote(),
      `Load sweep (chart): in every round after the main runs, each target also at ${sweepConnections.join(', ')} connections for ${sweepSeconds} s; each point is the median of the ${ROUNDS} rounds (the ${CONNECTIONS}-connection point is the main runs').`,
      `Resident memory (VmRSS from /proc every 250 ms) of each service process during the rounds; each run is one round's peak or median.`,
      cpuNote(
        used,
        "the benchmark's own processes (autocannon, the three services, the baseline, Redis, Kafka)",
      ),
    ],
    series: {
      load,
      rss: services.map((service) => ({
        service,
        peakMb: medianOf(rss.map((r) => r[service].peakMb)),
        medianMb: medianOf(rss.map((r) => r[service].medianMb)),
      })),
    },
  };
}
