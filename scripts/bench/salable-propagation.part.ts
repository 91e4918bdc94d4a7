import { loadavg } from 'os';
import { Kafka, logLevel } from 'kafkajs';
import { TOPICS } from '@inventory/contracts';
import { SALABILITY_KEYS } from '@inventory/salability';
import type { BenchEnv } from './event-store.part';
import { PartResult, machine } from './report';
import { figure, quantile } from './stats';
import { Stack, cpuMeter, cpuNote, infraPids, seedStock, send, sleep, startStack } from './suite';

const ROUNDS = 3;
const SKUS = 20;
/** Pause between two changes, so each one is measured on its own (not queued behind another). */
const GAP_MS = 20;
/** No sample may take longer than this; a missing update fails the benchmark. */
const SAMPLE_TIMEOUT_MS = 10000;

interface Sample {
  /** From just before the write request is sent until the new value is in the Redis hash. */
  visibleMs: number;
  /** Until the write request (through the gateway) answered. */
  ackMs: number;
  /** Until the bench's own Kafka consumer received the event (relay + broker + fetch). */
  kafkaMs: number;
}

/**
 * Watches the source-item topic with a consumer group of its own, so a sample can tell the
 * time to Kafka (source-inventory's event store and relay) from the time after it
 * (stock-aggregation's consumer, PostgreSQL transaction and Redis write).
 */
async function watchTopic(stack: Stack, prefix: string, brokers: string) {
  const arrivals = new Map<string, number>();
  const kafka = new Kafka({
    clientId: `bench-watch-${stack.run}`,
    brokers: brokers.split(','),
    logLevel: logLevel.NOTHING,
  });
  const consumer = kafka.consumer({ groupId: `bench-watch-${stack.run}`, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topic: `${prefix}${TOPICS.sourceItems.name}`, fromBeginning: false });
  let joined = false;
  consumer.on(consumer.events.GROUP_JOIN, () => (joined = true));
  await consumer.run({
    eachMessage: async ({ message }) => {
      const at = performance.now();
      const p = JSON.parse(message.value!.toString()) as { sku: string; quantity: string };
      arrivals.set(`${p.sku}|${Number(p.quantity)}`, at);
    },
  });
  const deadline = Date.now() + 60000;
  while (!joined && Date.now() < deadline) await sleep(50);
  return { arrivals, stop: () => consumer.disconnect() };
}

/**
 * Propagation of a source-item change to the salable read model: one item's quantity is saved
 * through the gateway (`POST /V1/inventory/source-items`) and the salable hash in Redis is polled
 * until it holds the new sum.
 */
export async function salablePropagationPart(
  env: BenchEnv,
  log: (s: string) => void,
): Promise<PartResult> {
  const before = loadavg();
  const perRound = env.quick ? 40 : 200;
  const warmUp = env.quick ? 10 : 30;
  const stack = await startStack(env, log);
  const rounds: Sample[][] = [];
  let used = { machine: NaN, ours: NaN, others: NaN };
  try {
    const seeded = await seedStock(stack, SKUS, log);
    const watch = await watchTopic(stack, `bench${stack.run}.`, process.env.KAFKA_BROKERS!);
    const poller = stack.redis.duplicate();
    const quantities = seeded.quantities.map((q) => [...q] as [number, number]);
    let n = 0;
    const change = async (): Promise<Sample> => {
      const i = n++ % SKUS;
      const sku = seeded.skus[i];
      quantities[i][0] += 1;
      const expected = quantities[i][0] + quantities[i][1];
      const key = SALABILITY_KEYS.stockLevel(stack.keyPrefix, seeded.stockId, sku);
      const t0 = performance.now();
      let ackMs = NaN;
      const write = send(stack.gateway.url, 'POST', '/V1/inventory/source-items', {
        sourceItems: [
          { sku, source_code: seeded.sourceCodes[0], quantity: quantities[i][0], status: 1 },
        ],
      }).then(async (res) => {
        ackMs = performance.now() - t0;
        if (!res.ok) throw new Error(`save source item: HTTP ${res.status} ${await res.text()}`);
      });
      let failed: unknown;
      write.catch((err) => (failed = err));
      for (;;) {
        if (failed) throw failed;
        // No reservations and a zero threshold: the salable quantity is the aggregated one.
        const value = await poller.hget(key, 'aggregated_qty');
        if (value !== null && Number(value) === expected) break;
        if (performance.now() - t0 > SAMPLE_TIMEOUT_MS) {
          for (const s of [stack.sources, stack.stocks, stack.gateway]) s.checkAlive();
          throw new Error(
            `${sku}: aggregated_qty still ${value} after ${SAMPLE_TIMEOUT_MS} ms, expected ${expected}`,
          );
        }
        await sleep(1);
      }
      const visibleMs = performance.now() - t0;
      await write;
      // The public reads agree (checked after the clock stopped, so it costs the sample nothing):
      // the service's and the gateway's in-process caches drop the old answer when Redis'
      // invalidation message arrives, a moment after the write; allow them 100 ms.
      for (const base of [stack.stocks.url, stack.gateway.url]) {
        let answered = '';
        for (let w = 0; w < 100; w++) {
          const read = await send(
            base,
            'GET',
            `/V1/inventory/get-product-salable-quantity/${encodeURIComponent(sku)}/${seeded.stockId}`,
          );
          answered = await read.text();
          if (Number(answered) === expected) break;
          await sleep(1);
        }
        if (Number(answered) !== expected)
          throw new Error(`${sku}: ${base} answered ${answered}, expected ${expected}`);
      }
      // The bench's consumer may lag the service's by a fetch; give it a moment.
      const kafkaKey = `${sku}|${quantities[i][0]}`;
      for (let w = 0; w < 200 && !watch.arrivals.has(kafkaKey); w++) await sleep(5);
      const arrived = watch.arrivals.get(kafkaKey);
      watch.arrivals.delete(kafkaKey);
      return { visibleMs, ackMs, kafkaMs: arrived === undefined ? NaN : arrived - t0 };
    };
    try {
      log(`warm-up: ${warmUp} changes`);
      for (let k = 0; k < warmUp; k++) {
        await change();
        await sleep(GAP_MS);
      }
      const meter = cpuMeter([
        stack.sources.pid,
        stack.stocks.pid,
        stack.gateway.pid,
        ...(await infraPids(stack.redis)),
      ]);
      for (let round = 0; round < ROUNDS; round++) {
        const samples: Sample[] = [];
        for (let k = 0; k < perRound; k++) {
          samples.push(await change());
          await sleep(GAP_MS);
        }
        rounds.push(samples);
        used = meter();
        const v = samples.map((s) => s.visibleMs).sort((a, b) => a - b);
        log(
          `round ${round + 1}/${ROUNDS}: ${perRound} changes, visible p50 ${quantile(v, 0.5).toFixed(1)} ms, p99 ${quantile(v, 0.99).toFixed(1)} ms, max ${v[v.length - 1].toFixed(1)} ms`,
        );
      }
    } finally {
      poller.disconnect();
      await watch.stop();
    }
  } finally {
    await stack.stop();
  }

  const per = (pick: (s: Sample) => number, q: number) =>
    rounds.map((r) =>
      quantile(
        r
          .map(pick)
          .filter((x) => !Number.isNaN(x))
          .sort((a, b) => a - b),
        q,
      ),
    );
  const visible = (s: Sample) => s.visibleMs;
  const afterKafka = (s: Sample) => s.visibleMs - s.kafkaMs;
  const missingKafka = rounds.flat().filter((s) => Number.isNaN(s.kafkaMs)).length;
  return {
    part: 'salable-propagation',
    title: 'Propagation of a source-item change to the salable read model',
    measuredAt: new Date().toISOString(),
    machine: machine(before),
    quick: env.quick,
    figures: [
      figure('source-item change to salable read model: p50', 'ms', per(visible, 0.5)),
      figure('source-item change to salable read model: p99', 'ms', per(visible, 0.99), {
        op: '<=',
        value: 250,
      }),
      figure('source-item change to salable read model: max', 'ms', per(visible, 1)),
      figure(
        'write request answered (through the gateway): p50',
        'ms',
        per((s) => s.ackMs, 0.5),
      ),
      figure(
        'write request answered (through the gateway): p99',
        'ms',
        per((s) => s.ackMs, 0.99),
      ),
      figure(
        'event received from Kafka by a watching consumer: p50',
        'ms',
        per((s) => s.kafkaMs, 0.5),
      ),
      figure(
        'event received from Kafka by a watching consumer: p99',
        'ms',
        per((s) => s.kafkaMs, 0.99),
      ),
      figure(
        'from the watcher receiving the event to the read model: p50',
        'ms',
        per(afterKafka, 0.5),
      ),
      figure(
        'from the watcher receiving the event to the read model: p99',
        'ms',
        per(afterKafka, 0.99),
      ),
    ],
    notes: [
      `${ROUNDS} rounds of ${perRound} changes (after ${warmUp} warm-up changes), one at a time with ${GAP_MS} ms between them, over ${SKUS} SKUs of a stock with two linked sources; each figure is the median over the rounds of the per-round percentile.`,
      'A sample runs from just before `POST /V1/inventory/source-items` (one item, through the gateway) is sent until the stock-level hash `<prefix>sa:stock-level:<stock>:<sku>` in Redis, from which the salable quantity is read, holds the new sum (`aggregated_qty`; no reservations, threshold 0); Redis is polled with HGET about once per millisecond from the bench process. After each sample, `GET /V1/inventory/get-product-salable-quantity/:sku/:stockId` must answer the new value.',
      `The "watching consumer" is a separate Kafka consumer group in the bench process on the source-item topic: its receive time approximates when the event became available to stock-aggregation, splitting the path into source-inventory (event store, relay, broker) and stock-aggregation (consumer, PostgreSQL transaction, Redis write).${missingKafka ? ` ${missingKafka} samples had no arrival recorded by the watcher and are left out of those two figures.` : ''}`,
      'Services, Kafka (single KRaft broker), PostgreSQL and Redis all share the same machine.',
      cpuNote(
        used,
        "the benchmark's own processes (the bench with its poller and watcher, the three services, Redis, Kafka; PostgreSQL counts as everything else)",
      ),
    ],
  };
}
