import { randomBytes } from 'crypto';
import { loadavg } from 'os';
import autocannon from 'autocannon';
import type { BenchEnv } from './event-store.part';
import { pgSingleRowInserts } from './raw-postgres';
import {
  consumerPerformance,
  createTopic,
  deleteTopics,
  endToEndLatency,
  kafkaToolsEnv,
  producerPerformance,
} from './raw-kafka';
import { cleanRedisKeys, redisBenchmark } from './raw-redis';
import { PartResult, machine } from './report';
import { figure, repeat } from './stats';
import { startBareFastify } from './suite';

const RUNS = 3;
/** About the size of an order_placed event as the reservations benchmark sends it. */
const RECORD_BYTES = 300;
/** As commerce.orders.v1 and inventory.order-outcomes.v1. */
const PARTITIONS = 6;
/** As the event-store part's single-event appends. */
const PG_CONNECTIONS = 8;
const HTTP_CONNECTIONS = 50;
const REDIS_CLIENTS = 50;

/**
 * The raw infrastructure under the product figures, measured in the same invocation so that
 * ratios between them hold on a shared machine: Kafka's own producer, consumer and end-to-end
 * latency tools, redis-benchmark, a bare Fastify handler under autocannon, and PostgreSQL
 * single-row inserts.
 */
export async function infraPart(env: BenchEnv, log: (s: string) => void): Promise<PartResult> {
  const before = loadavg();
  const q = env.quick;
  const kafka = kafkaToolsEnv();
  const tag = randomBytes(3).toString('hex');
  const records = q ? 20_000 : 500_000;
  const e2eMessages = q ? 100 : 2000;

  const topics: string[] = [];
  const kafkaRuns = await repeat(RUNS, async (i) => {
    const topic = `bench-raw-${tag}-${i}`;
    const e2eTopic = `${topic}-e2e`;
    topics.push(topic, e2eTopic);
    await createTopic(kafka.brokers, topic, PARTITIONS);
    await createTopic(kafka.brokers, e2eTopic, 1);
    const p = await producerPerformance(kafka, topic, records, RECORD_BYTES);
    const c = await consumerPerformance(kafka, topic, records);
    const e = await endToEndLatency(kafka, e2eTopic, e2eMessages, RECORD_BYTES);
    // Each message produced then consumed, the two sharing the machine: the times add up.
    const roundTrips = 1 / (1 / p.perSecond + 1 / c.perSecond);
    log(
      `Kafka run ${i + 1}/${RUNS}: produce ${Math.round(p.perSecond)}/s, consume ${Math.round(c.perSecond)}/s, round trips ${Math.round(roundTrips)}/s, end to end p50 ${e.p50} ms, p99 ${e.p99} ms`,
    );
    return { p, c, e, roundTrips };
  });
  await deleteTopics(kafka.brokers, topics);

  const prefix = `bench:raw:${tag}:`;
  const redisOpts = (requests: number, pipeline: number) => ({
    redisUrl: env.redisUrl,
    prefix,
    requests,
    clients: REDIS_CLIENTS,
    pipeline,
  });
  const redisRuns = await repeat(RUNS, async (i) => {
    try {
      const set = await redisBenchmark(redisOpts(q ? 20_000 : 200_000, 1), 'SET');
      const get = await redisBenchmark(redisOpts(q ? 20_000 : 200_000, 1), 'GET');
      const setP = await redisBenchmark(redisOpts(q ? 100_000 : 1_000_000, 16), 'SET');
      log(
        `Redis run ${i + 1}/${RUNS}: SET ${Math.round(set.rps)}/s, GET ${Math.round(get.rps)}/s, SET pipelined ${Math.round(setP.rps)}/s`,
      );
      return { set, get, setP };
    } finally {
      await cleanRedisKeys(env.redisUrl, prefix);
    }
  });

  const seconds = q ? 2 : 10;
  const bare = await startBareFastify();
  const httpRuns = await (async () => {
    try {
      const cannon = (duration: number) =>
        autocannon({
          url: `${bare.url}/V1/inventory/get-product-salable-quantity/SKU-1/1`,
          connections: HTTP_CONNECTIONS,
          pipelining: 1,
          duration,
        });
      await cannon(1);
      return await repeat(RUNS, async (i) => {
        const r = await cannon(seconds);
        if (r.errors + r.timeouts + r.non2xx > 0)
          throw new Error(`bare Fastify: ${r.errors} errors, ${r.non2xx} non-2xx`);
        log(
          `bare Fastify run ${i + 1}/${RUNS}: ${Math.round(r.requests.average)} req/s, p99 ${r.latency.p99} ms`,
        );
        return { rps: r.requests.average, p99: r.latency.p99 };
      });
    } finally {
      await bare.stop();
    }
  })();

  const pgRuns = await repeat(RUNS, async (i) => {
    const r = await pgSingleRowInserts({
      databaseUrl: env.databaseUrl,
      connections: PG_CONNECTIONS,
      rows: q ? 3000 : 20_000,
    });
    log(`PostgreSQL run ${i + 1}/${RUNS}: ${Math.round(r.rowsPerSecond)} single-row inserts/s`);
    return r;
  });

  const k = <T>(pick: (r: (typeof kafkaRuns)[number]) => T) => kafkaRuns.map(pick);
  return {
    part: 'infra',
    title: 'Raw infrastructure (the ceilings under the product figures)',
    measuredAt: new Date().toISOString(),
    machine: machine(before),
    quick: q,
    figures: [
      figure(
        'Kafka producer (ProducerPerformance)',
        'msgs/s',
        k((r) => r.p.perSecond),
      ),
      figure(
        'Kafka consumer (ConsumerPerformance, fetch rate)',
        'msgs/s',
        k((r) => r.c.perSecond),
      ),
      figure(
        'Kafka round trips (produce + consume of each message)',
        'msgs/s',
        k((r) => r.roundTrips),
      ),
      figure(
        'Kafka end-to-end latency p50 (EndToEndLatency)',
        'ms',
        k((r) => r.e.p50),
      ),
      figure(
        'Kafka end-to-end latency p99 (EndToEndLatency)',
        'ms',
        k((r) => r.e.p99),
      ),
      figure(
        'Redis SET (redis-benchmark, 50 clients)',
        'ops/s',
        redisRuns.map((r) => r.set.rps),
      ),
      figure(
        'Redis GET (redis-benchmark, 50 clients)',
        'ops/s',
        redisRuns.map((r) => r.get.rps),
      ),
      figure(
        'Redis SET, pipelines of 16 (redis-benchmark, 50 clients)',
        'ops/s',
        redisRuns.map((r) => r.setP.rps),
      ),
      figure(
        'bare Fastify handler (autocannon, 50 connections)',
        'req/s',
        httpRuns.map((r) => r.rps),
      ),
      figure(
        'bare Fastify handler: p99 latency',
        'ms',
        httpRuns.map((r) => r.p99),
      ),
      figure(
        'PostgreSQL single-row inserts (autocommit, 8 connections)',
        'rows/s',
        pgRuns.map((r) => r.rowsPerSecond),
      ),
    ],
    notes: [
      `Kafka: the kafka-tools jar of the broker's version (org.apache.kafka.tools.*) on the JVM against the bench's broker. Each run: ProducerPerformance sends ${records.toLocaleString('en-US')} records of ${RECORD_BYTES} bytes (acks=all, unthrottled) to a fresh topic of ${PARTITIONS} partitions, ConsumerPerformance reads them back (its fetch rate, without the consumer group's join), EndToEndLatency sends ${e2eMessages} messages one at a time (acks=all) and waits for each to be consumed. Round trips/s = 1 / (1/produce + 1/consume).`,
      `Redis: redis-benchmark with ${REDIS_CLIENTS} clients over 1,000 keys of a private prefix (64-byte values), one command per round trip, and SET also in pipelines of 16 (the read-model rebuild batches its writes).`,
      `HTTP: the bare Fastify handler of bare-fastify.ts in its own process, autocannon in the bench process with ${HTTP_CONNECTIONS} connections, ${seconds} s per run after a 1 s warm-up.`,
      `PostgreSQL: ${PG_CONNECTIONS} connections (as the event-store part's writers), each inserting one row per autocommit statement into a scratch table of the bench database, dropped afterwards.`,
      `${RUNS} runs of each; all of it shares the machine's ${machine(before).cpus} cores with the load generator.`,
    ],
  };
}
