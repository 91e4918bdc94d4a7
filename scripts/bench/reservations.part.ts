import { randomBytes, randomUUID } from 'crypto';
import { mkdirSync, writeFileSync } from 'fs';
import { dirname } from 'path';
import { loadavg } from 'os';
import Redis from 'ioredis';
import { Kafka, Partitioners, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { TOPICS } from '@inventory/contracts';
import { SALABILITY_KEYS } from '@inventory/salability';
import { authHeaders, startService, type ServiceProcess } from '@inventory/testing';
import type { BenchEnv } from './event-store.part';
import { cpuBetween, cpuSnapshot, INFRA_RULES, type CpuGroupRule } from './cpu-time';
import { rssSampler, type RssSummary } from './memory';
import { PartResult, machine } from './report';
import { figure, quantile } from './stats';

const SKUS = 1000;
const ROUNDS = 3;
/**
 * Offered rates of the latency sweep (chart), as shares of the round's burst throughput; 0.5 is
 * the paced run the latency figures come from.
 */
const SWEEP = { quick: [0.25, 0.5, 0.75], full: [0.25, 0.5, 0.75, 0.9] };
/**
 * The load generator's paced orders wait up to this long to share a produce request (the linger
 * of librdkafka's and the Java client's current defaults); one request per order cost the broker
 * and the generator more CPU than the service under test spends on some of them.
 */
const PRODUCER_LINGER_MS = 5;

interface RunResult {
  linesPerSecond: number;
  /** CPU ms per 1,000 order lines of the burst, by process group (and 'total'). */
  cpu: Record<string, number>;
  /** The same for the paced run at half the burst rate. */
  pacedCpu: Record<string, number>;
  p50: number;
  p99: number;
  decidedP99: number;
  relayedP99: number;
  oversold: number;
  reserved: number;
  orders: number;
  lines: number;
}

/**
 * Reservations end to end: `order_placed` events into commerce.orders.v1, each order's outcome
 * out of inventory.order-outcomes.v1, and the reservations read model in Redis caught up.
 * Two workloads: orders of 1 to 5 lines over 1,000 SKUs with ample stock, and single-unit
 * orders on one hot SKU with stock for half of them (so half are rejected: oversold must be 0).
 * Throughput is measured on a burst (all orders sent at once); decision latency (order event
 * sent → outcome received) on a paced run at half the measured throughput, so it shows the
 * latency of a service that keeps up, not the length of the burst's queue; further paced runs
 * at other shares of it give latency against offered rate. The services' resident memory is
 * sampled throughout.
 */
export async function reservationsPart(
  env: BenchEnv,
  log: (s: string) => void,
): Promise<PartResult> {
  const before = loadavg();
  const brokers = process.env.KAFKA_BROKERS;
  if (!brokers) throw new Error('KAFKA_BROKERS is not set (run through npm run bench)');
  const run = randomBytes(3).toString('hex');
  const database = `inventory_bench_rs_${run}`;
  const admin = new Client({ connectionString: env.databaseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${database}"`);
  const url = new URL(env.databaseUrl);
  url.pathname = `/${database}`;
  const svcEnv: Record<string, string> = {
    KAFKA_BROKERS: brokers,
    KAFKA_TOPIC_PREFIX: `bench-rs-${run}.`,
    DATABASE_URL: url.toString(),
    REDIS_URL: env.redisUrl,
    REDIS_KEY_PREFIX: `bench:rs:${run}:`,
    LOG_LEVEL: 'warn',
    KAFKA_PARTITIONS_CONCURRENCY: '6',
  };
  const services: ServiceProcess[] = [];
  const redis = new Redis(env.redisUrl);
  const kafka = new Kafka({
    clientId: `bench-rs-${run}`,
    brokers: brokers.split(','),
    logLevel: logLevel.NOTHING,
  });
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  const consumer = kafka.consumer({ groupId: `bench-rs-outcomes-${run}`, maxWaitTimeInMs: 20 });
  const arrivals = new Map<string, { at: number; type: string; wall: number; recorded: number }>();
  let memory: ReturnType<typeof rssSampler> | undefined;
  try {
    // Started together (each migrates its own tables), in this order in `services`.
    const apps = ['source-inventory', 'stock-aggregation', 'reservations'];
    for (const app of apps) services.push(await startService(app, svcEnv));
    await Promise.all(services.map((s) => s.waitReady(120000)));
    memory = rssSampler(services.map((s) => ({ name: s.name, pid: s.child.pid! })));
    const cpuRules: CpuGroupRule[] = [
      ...services.map((s) => ({ name: s.name, pid: s.child.pid! })),
      { name: 'bench (load and outcome consumer)', pid: process.pid },
      ...INFRA_RULES,
    ];
    const [sources, stocks] = services;
    const call = async (base: string, method: string, path: string, body: unknown) => {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: authHeaders({ 'content-type': 'application/json' }),
        body: JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
      return res.json();
    };
    const channel = `bench-${run}`;
    await call(sources.url, 'POST', '/V1/inventory/sources', {
      source: {
        source_code: `wh-${run}`,
        name: 'Bench',
        enabled: true,
        country_id: 'DE',
        postcode: '1',
      },
    });
    const stockId = (await call(stocks.url, 'POST', '/V1/inventory/stocks', {
      stock: {
        name: 'Bench',
        extension_attributes: { sales_channels: [{ type: 'website', code: channel }] },
      },
    })) as number;
    for (let i = 0; ; i++) {
      const res = await fetch(`${stocks.url}/V1/inventory/stock-source-links`, {
        method: 'POST',
        headers: authHeaders({ 'content-type': 'application/json' }),
        body: JSON.stringify({
          links: [{ stock_id: stockId, source_code: `wh-${run}`, priority: 1 }],
        }),
      });
      if (res.ok) break;
      if (i > 300) throw new Error('the source never reached stock-aggregation');
      await new Promise((r) => setTimeout(r, 100));
    }
    const skus = Array.from({ length: SKUS }, (_, i) => `B-${String(i).padStart(4, '0')}`);
    const hotSku = 'HOT';
    const hotOrders = env.quick ? 1000 : 10000;
    const hotStock = hotOrders / 2;
    await call(sources.url, 'POST', '/V1/inventory/source-items', {
      sourceItems: [
        ...skus.map((sku) => ({
          sku,
          source_code: `wh-${run}`,
          quantity: 1_000_000_000,
          status: 1,
        })),
        { sku: hotSku, source_code: `wh-${run}`, quantity: hotStock, status: 1 },
      ],
    });
    const levelKey = (sku: string) =>
      SALABILITY_KEYS.stockLevel(svcEnv.REDIS_KEY_PREFIX, stockId, sku);
    for (let i = 0; ; i++) {
      const [a, b] = await Promise.all([
        redis.exists(levelKey(skus[SKUS - 1])),
        redis.exists(levelKey(hotSku)),
      ]);
      if (a && b) break;
      if (i > 600) throw new Error('stock levels never appeared');
      await new Promise((r) => setTimeout(r, 100));
    }
    await producer.connect();
    await consumer.connect();
    await consumer.subscribe({
      topic: `${svcEnv.KAFKA_TOPIC_PREFIX}${TOPICS.orderOutcomes.name}`,
      fromBeginning: true,
    });
    await consumer.run({
      partitionsConsumedConcurrently: 6,
      // The run's group is thrown away: committing offsets after every fetched batch (kafkajs'
      // default) made offset commits the broker's largest request handling cost in paced runs.
      autoCommit: false,
      eachMessage: async ({ message }) => {
        const data = JSON.parse(message.value!.toString()) as { order_id: string };
        arrivals.set(data.order_id, {
          at: performance.now(),
          type: message.headers?.['event-type']?.toString() ?? '',
          wall: Date.now(),
          // When the outcome was committed (the relay's occurred-at header: recorded_at).
          recorded: Date.parse(message.headers?.['occurred-at']?.toString() ?? ''),
        });
      },
    });
    const topic = `${svcEnv.KAFKA_TOPIC_PREFIX}${TOPICS.orders.name}`;
    const message = (order: { id: string; items: Array<{ sku: string; qty: number }> }) => ({
      key: order.id,
      value: JSON.stringify({
        event_id: randomUUID(),
        type: 'order_placed',
        occurred_at: new Date().toISOString(),
        order: {
          ...order,
          increment_id: order.id,
          sales_channel: { type: 'website', code: channel },
        },
      }),
    });
    // The channel must be known to reservations: a probe order is rejected for its SKU, not its channel.
    for (let i = 0; ; i++) {
      const id = `probe-${run}-${i}`;
      await producer.send({ topic, messages: [message({ id, items: [{ sku: 'NOPE', qty: 1 }] })] });
      const deadline = Date.now() + 2000;
      while (!arrivals.has(id) && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 20));
      const res = await fetch(`${services[2].url}/V1/inventory/checkout/reservations`, {
        method: 'POST',
        headers: authHeaders({ 'content-type': 'application/json' }),
        body: JSON.stringify({
          order: {
            id: `${id}-http`,
            increment_id: 'p',
            sales_channel: { type: 'website', code: channel },
            items: [{ sku: 'NOPE', qty: 1 }],
          },
        }),
      });
      const body = (await res.json()) as { data: { errors: Array<{ code: string }> } };
      if (body.data.errors[0]?.code === 'requested-sku-is-not-assigned-to-given-stock') break;
      if (i > 100) throw new Error('the channel never reached reservations');
    }

    let seed = 1;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const manyOrders = (prefix: string, count: number) =>
      Array.from({ length: count }, (_, i) => {
        const lines = 1 + rand(5);
        const picked = new Set<string>();
        while (picked.size < lines) picked.add(skus[rand(SKUS)]);
        return {
          id: `${prefix}-${i}`,
          items: [...picked].map((sku) => ({ sku, qty: 1 + rand(2) })),
        };
      });
    const hot = (prefix: string, count: number) =>
      Array.from({ length: count }, (_, i) => ({
        id: `${prefix}-${i}`,
        items: [{ sku: hotSku, qty: 1 }],
      }));

    /** CPU ms per 1,000 order lines by process group (and 'total') since `before`. */
    const cpuPerThousand = (before: ReturnType<typeof cpuSnapshot>, lines: number) => {
      const used = cpuBetween(before, cpuSnapshot(cpuRules), cpuRules);
      used.total = Object.values(used).reduce((a, b) => a + b, 0);
      return Object.fromEntries(
        Object.entries(used).map(([group, ms]) => [group, (ms / lines) * 1000]),
      );
    };

    /** All orders at once; lines/s until every outcome is in and the read model caught up. */
    const burst = async (orders: ReturnType<typeof hot>, watchSku: string, available: number) => {
      const sent = new Map<string, number>();
      const cpuBefore = cpuSnapshot(cpuRules);
      const start = performance.now();
      for (let i = 0; i < orders.length; i += 500) {
        const chunk = orders.slice(i, i + 500);
        const at = performance.now();
        for (const o of chunk) sent.set(o.id, at);
        await producer.send({ topic, messages: chunk.map(message) });
      }
      while (orders.some((o) => !arrivals.has(o.id))) await new Promise((r) => setTimeout(r, 5));
      const reserved = orders.filter(
        (o) => arrivals.get(o.id)!.type === 'order_inventory_reserved',
      );
      const expected = reserved.reduce(
        (n, o) => n + o.items.filter((l) => l.sku === watchSku).reduce((m, l) => m + l.qty, 0),
        0,
      );
      // The read model holds every reservation of the watched SKU (at least this run's).
      const key = SALABILITY_KEYS.reservations(svcEnv.REDIS_KEY_PREFIX, stockId, watchSku);
      for (;;) {
        const units = Number((await redis.hget(key, 'orders')) ?? 0);
        if (-units / 10000 >= expected) break;
        await new Promise((r) => setTimeout(r, 5));
      }
      const seconds = (performance.now() - start) / 1000;
      const lines = orders.reduce((n, o) => n + o.items.length, 0);
      const cpu = cpuPerThousand(cpuBefore, lines);
      const oversold = Math.max(0, expected - available);
      return { seconds, lines, reserved: reserved.length, oversold, cpu };
    };

    /** Orders sent at `rate` lines/s for `seconds`; latency from send to outcome arrival. */
    const paced = async (
      make: (prefix: string, n: number) => ReturnType<typeof hot>,
      prefix: string,
      rate: number,
      seconds: number,
    ) => {
      const orders = make(
        prefix,
        Math.max(50, Math.round((rate * seconds) / (make === hot ? 1 : 3))),
      );
      const sent = new Map<string, number>();
      const sentWall = new Map<string, number>();
      const cpuBefore = cpuSnapshot(cpuRules);
      const start = performance.now();
      let lines = 0;
      // Orders due within PRODUCER_LINGER_MS go in one produce request, as a Kafka client with
      // that linger would send them. An order's latency counts from when it was due, not from
      // when this loop got round to it (a late loop is not hidden: no coordinated omission).
      let batch: typeof orders = [];
      let batchStart = 0;
      const flush = () => {
        if (batch.length) void producer.send({ topic, messages: batch.map(message) });
        batch = [];
      };
      for (const o of orders) {
        const due = start + (lines / rate) * 1000;
        const wait = due - performance.now();
        if (wait > 1) {
          if (performance.now() - batchStart >= PRODUCER_LINGER_MS || wait > PRODUCER_LINGER_MS)
            flush();
          await new Promise((r) => setTimeout(r, wait));
        }
        if (!batch.length) batchStart = performance.now();
        sent.set(o.id, due);
        sentWall.set(o.id, Date.now() - (performance.now() - due));
        batch.push(o);
        lines += o.items.length;
      }
      flush();
      while (orders.some((o) => !arrivals.has(o.id))) await new Promise((r) => setTimeout(r, 5));
      const cpu = cpuPerThousand(cpuBefore, lines);
      const latencies = orders
        .map((o) => arrivals.get(o.id)!.at - sent.get(o.id)!)
        .sort((a, b) => a - b);
      // Split at the outcome's commit: event sent → outcome committed (consumer and decision),
      // committed → received (outbox relay and broker). Wall clocks of one machine.
      const decided = orders
        .map((o) => arrivals.get(o.id)!.recorded - sentWall.get(o.id)!)
        .sort((a, b) => a - b);
      const relayed = orders
        .map((o) => arrivals.get(o.id)!.wall - arrivals.get(o.id)!.recorded)
        .sort((a, b) => a - b);
      if (process.env.BENCH_LATENCY_DIR) {
        writeLatencyCsv(
          `${process.env.BENCH_LATENCY_DIR}/${prefix}-${Math.round(rate)}.csv`,
          start,
          orders.map((o) => ({
            due: sent.get(o.id)!,
            dueWall: sentWall.get(o.id)!,
            lines: o.items.length,
            ...arrivals.get(o.id)!,
          })),
        );
      }
      return {
        p50: quantile(latencies, 0.5),
        p99: quantile(latencies, 0.99),
        decidedP99: quantile(decided, 0.99),
        relayedP99: quantile(relayed, 0.99),
        cpu,
      };
    };

    const results: Record<'many' | 'hot', RunResult[]> = { many: [], hot: [] };
    const shares = env.quick ? SWEEP.quick : SWEEP.full;
    const pacedSeconds = env.quick ? 2 : 8;
    const sweep = new Map<number, Array<{ offered: number; p50: number; p99: number }>>();
    const rss: Array<Record<string, RssSummary>> = [];
    // Setup (start, seeding) is not the benchmark: the samples start with the first round.
    memory.take();
    for (let r = 0; r < ROUNDS; r++) {
      await analyzeDatabase(url.toString());
      const many = manyOrders(`m${r}`, env.quick ? 800 : 6000);
      const b = await burst(many, skus[0], 1_000_000_000);
      const lat = await paced(
        manyOrders,
        `mp${r}`,
        Math.max(200, b.lines / b.seconds / 2),
        pacedSeconds,
      );
      for (const share of shares) {
        const offered = Math.max(200, (b.lines / b.seconds) * share);
        const point =
          share === 0.5
            ? lat
            : await paced(manyOrders, `ms${share * 100}r${r}`, offered, pacedSeconds);
        sweep.set(share, [
          ...(sweep.get(share) ?? []),
          { offered, p50: point.p50, p99: point.p99 },
        ]);
      }
      results.many.push({
        linesPerSecond: b.lines / b.seconds,
        ...lat,
        cpu: b.cpu,
        pacedCpu: lat.cpu,
        oversold: b.oversold,
        reserved: b.reserved,
        orders: many.length,
        lines: b.lines,
      });
      log(
        `round ${r + 1}: 1,000 SKUs ${Math.round(b.lines / b.seconds)} lines/s, p50 ${lat.p50.toFixed(1)} ms, p99 ${lat.p99.toFixed(1)} ms (to commit ${lat.decidedP99.toFixed(1)}, commit to received ${lat.relayedP99.toFixed(1)})`,
      );
      log(`round ${r + 1}: CPU ms per 1,000 lines (1,000 SKUs burst): ${describeCpu(b.cpu)}`);
      log(
        `round ${r + 1}: CPU ms per 1,000 lines (1,000 SKUs at half rate): ${describeCpu(lat.cpu)}`,
      );

      if (r > 0) {
        // Stock for half of this round's orders again: the quantity rises by hotStock.
        await call(sources.url, 'POST', '/V1/inventory/source-items', {
          sourceItems: [
            { sku: hotSku, source_code: `wh-${run}`, quantity: hotStock * (r + 1), status: 1 },
          ],
        });
        const want = (hotStock * (r + 1)).toFixed(4);
        while ((await redis.hget(levelKey(hotSku), 'aggregated_qty')) !== want) {
          await new Promise((res) => setTimeout(res, 20));
        }
      }
      const hots = hot(`h${r}`, hotOrders);
      const hb = await burst(hots, hotSku, hotStock * (r + 1));
      // Paced hot orders find no stock left (all rejected): the decision costs the same.
      const hlat = await paced(
        hot,
        `hp${r}`,
        Math.max(200, hb.lines / hb.seconds / 2),
        pacedSeconds,
      );
      const hotReserved = hb.reserved;
      results.hot.push({
        linesPerSecond: hb.lines / hb.seconds,
        ...hlat,
        cpu: hb.cpu,
        pacedCpu: hlat.cpu,
        oversold: Math.max(0, hotReserved - hotStock),
        reserved: hotReserved,
        orders: hots.length,
        lines: hb.lines,
      });
      log(
        `round ${r + 1}: hot SKU ${Math.round(hb.lines / hb.seconds)} lines/s, ${hotReserved}/${hots.length} reserved (stock ${hotStock}), p99 ${hlat.p99.toFixed(1)} ms; CPU ms per 1,000 lines: ${describeCpu(hb.cpu)}`,
      );
      rss.push(memory.take());
      log(
        `round ${r + 1}: p99 at ${shares.map((x) => `${x * 100}%`).join(' / ')} of the burst rate ${shares.map((x) => sweep.get(x)![r].p99.toFixed(0)).join(' / ')} ms; peak RSS ${Object.entries(
          rss[r],
        )
          .map(([n, m]) => `${n} ${Math.round(m.peakMb)} MB`)
          .join(', ')}`,
      );
    }
    const median = (xs: number[]) => figure('', '', xs).median;
    const pick = (w: 'many' | 'hot', f: keyof RunResult) => results[w].map((x) => x[f] as number);
    return {
      part: 'reservations',
      title: 'Reservations end to end (order event in, outcome out, read model updated)',
      measuredAt: new Date().toISOString(),
      machine: machine(before),
      quick: env.quick,
      figures: [
        figure(
          'order lines/s, 1,000 SKUs (orders of 1-5 lines)',
          'lines/s',
          pick('many', 'linesPerSecond'),
          { op: '>=', value: 5000 },
        ),
        figure('decision latency p50, 1,000 SKUs', 'ms', pick('many', 'p50')),
        figure(
          'of which order event sent → outcome committed, p99, 1,000 SKUs',
          'ms',
          pick('many', 'decidedP99'),
        ),
        figure(
          'of which outcome committed → received (relay, broker), p99, 1,000 SKUs',
          'ms',
          pick('many', 'relayedP99'),
        ),
        figure('decision latency p99, 1,000 SKUs', 'ms', pick('many', 'p99'), {
          op: '<=',
          value: 100,
        }),
        figure('oversold units, 1,000 SKUs', 'units', pick('many', 'oversold'), {
          op: '<=',
          value: 0,
        }),
        figure(
          'order lines/s, one hot SKU (single-unit orders)',
          'lines/s',
          pick('hot', 'linesPerSecond'),
          { op: '>=', value: 2000 },
        ),
        figure('decision latency p50, hot SKU', 'ms', pick('hot', 'p50')),
        figure('decision latency p99, hot SKU', 'ms', pick('hot', 'p99'), { op: '<=', value: 100 }),
        figure('oversold units, hot SKU', 'units', pick('hot', 'oversold'), { op: '<=', value: 0 }),
        ...Object.keys(results.many[0]?.cpu ?? {}).map((group) =>
          figure(
            `CPU per 1,000 order lines, 1,000 SKUs: ${group}`,
            'ms',
            results.many.map((x) => x.cpu[group]),
          ),
        ),
        figure(
          'CPU per 1,000 order lines, hot SKU: total',
          'ms',
          results.hot.map((x) => x.cpu.total),
        ),
        ...['total', 'reservations', 'Kafka broker', 'PostgreSQL'].map((group) =>
          figure(
            `CPU per 1,000 order lines at half the burst rate, 1,000 SKUs: ${group}`,
            'ms',
            results.many.map((x) => x.pacedCpu[group] ?? 0),
          ),
        ),
        ...shares
          .filter((x) => x !== 0.5)
          .map((x) =>
            figure(
              `decision latency p99 at ${x * 100}% of the burst rate, 1,000 SKUs`,
              'ms',
              sweep.get(x)!.map((p) => p.p99),
            ),
          ),
        ...services.flatMap((s) => [
          figure(
            `resident memory, peak: ${s.name}`,
            'MB',
            rss.map((m) => m[s.name].peakMb),
            { op: '<=', value: 300 },
          ),
          figure(
            `resident memory, median: ${s.name}`,
            'MB',
            rss.map((m) => m[s.name].medianMb),
          ),
        ]),
      ],
      notes: [
        `One reservations replica with KAFKA_PARTITIONS_CONCURRENCY=6 and 64 orders per partition in flight; source-inventory, stock-aggregation, Kafka, PostgreSQL, Redis and the bench itself share the same ${machine(before).cpus} cores.`,
        `Per round: ${results.many[0]?.orders ?? 0} orders (${results.many[0]?.lines ?? 0} lines) over 1,000 SKUs sent at once, then a paced run at half the measured rate for the latency; ${hotOrders} single-unit orders on one SKU with stock for half of them, then a paced run.`,
        'Throughput: from the first order sent to the last outcome received and the reservations hash of a watched SKU in Redis holding every reservation.',
        "The part's database is ANALYZEd before each round, as autovacuum would on a production server (this machine's PostgreSQL runs with autovacuum off).",
        `Latency: from when an order event was due to be sent to receiving its outcome on inventory.order-outcomes.v1 (through the event store, the outbox relay and the broker). Paced orders due within ${PRODUCER_LINGER_MS} ms share a produce request; the outcome consumer commits no offsets.`,
        `Hot SKU: ${results.hot.map((h) => `${h.reserved}/${h.orders}`).join(', ')} orders reserved per round against ${hotStock} units added per round; oversold = reserved beyond the stock.`,
        `Latency against offered rate (chart): per round, paced runs of 1,000-SKU orders at ${shares.map((x) => `${x * 100}%`).join(', ')} of that round's burst throughput (${pacedSeconds} s each; the 50% run is the one above); each point is the median of the ${ROUNDS} rounds.`,
        'Resident memory: VmRSS of each service process from /proc every 250 ms during the rounds (not during start-up and seeding); each run is one round.',
        'CPU per 1,000 order lines: user + system CPU time from /proc of each process group over a burst (from the first order sent until the read model caught up), divided by the lines; "other" is every other process of the machine, "total" their sum. A machine twice as fast halves every figure; the shares between groups stay, which makes them the figures to compare across days.',
      ],
      series: {
        latencyVsRate: shares.map((x) => ({
          share: x,
          offered: median(sweep.get(x)!.map((p) => p.offered)),
          p50: median(sweep.get(x)!.map((p) => p.p50)),
          p99: median(sweep.get(x)!.map((p) => p.p99)),
        })),
        rss: services.map((s) => ({
          service: s.name,
          peakMb: median(rss.map((m) => m[s.name].peakMb)),
          medianMb: median(rss.map((m) => m[s.name].medianMb)),
        })),
      },
    };
  } finally {
    memory?.stop();
    await consumer.disconnect().catch(() => undefined);
    await producer.disconnect().catch(() => undefined);
    redis.disconnect();
    for (const s of services.reverse()) await s.stop('SIGTERM').catch(() => undefined);
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`).catch(() => undefined);
    await admin.end();
  }
}

/**
 * Diagnostics (BENCH_LATENCY_DIR): one row per paced order, to lay latency over a service's
 * --trace-gc log: when it was due (ms after the run's start, and wall clock), its latency and
 * that latency's two parts (to the outcome's commit, commit to receipt), and its lines.
 */
function writeLatencyCsv(
  file: string,
  start: number,
  orders: Array<{
    /** performance.now() times: when the order was due, when its outcome arrived. */
    due: number;
    at: number;
    /** Wall-clock ms: when it was due, when its outcome arrived, when it was committed. */
    dueWall: number;
    wall: number;
    recorded: number;
    lines: number;
  }>,
): void {
  const rows = orders.map((o) =>
    [
      (o.due - start).toFixed(1),
      (o.at - o.due).toFixed(1),
      (o.recorded - o.dueWall).toFixed(1),
      o.wall - o.recorded,
      o.lines,
      o.dueWall.toFixed(0),
    ].join(','),
  );
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(
    file,
    ['due_ms,latency_ms,to_commit_ms,commit_to_received_ms,lines,due_epoch_ms', ...rows].join('\n'),
  );
}

/**
 * Table statistics as autovacuum keeps them on a production server: a machine's PostgreSQL may
 * run without it (this one's CI configuration turns it off), and the event tables grow from
 * empty to hundreds of thousands of rows during the part. Run between rounds, outside every
 * measured window (an ANALYZE's transaction holds readAll's readers back while it runs).
 */
async function analyzeDatabase(connectionString: string): Promise<void> {
  const client = new Client({ connectionString });
  await client.connect();
  try {
    await client.query('ANALYZE');
  } finally {
    await client.end();
  }
}

/** `group 123, group 45, ...` by CPU ms, largest first, groups under 1 ms left out. */
function describeCpu(cpu: Record<string, number>): string {
  return Object.entries(cpu)
    .filter(([, ms]) => ms >= 1)
    .sort((a, b) => b[1] - a[1])
    .map(([group, ms]) => `${group} ${Math.round(ms)}`)
    .join(', ');
}
