import { execFile } from 'child_process';
import { promisify } from 'util';
import { Kafka, logLevel, type Admin } from 'kafkajs';

const run = promisify(execFile);

/**
 * Kafka's own performance tools (org.apache.kafka.tools in the kafka-tools jar, run on the JVM
 * against the bench's broker): the ceiling the reservation and propagation paths sit on.
 * scripts/bench.sh puts the classpath in BENCH_KAFKA_TOOLS_CLASSPATH.
 */

export interface KafkaToolsEnv {
  brokers: string;
  classpath: string;
}

export function kafkaToolsEnv(): KafkaToolsEnv {
  const brokers = process.env.KAFKA_BROKERS;
  const classpath = process.env.BENCH_KAFKA_TOOLS_CLASSPATH;
  if (!brokers || !classpath)
    throw new Error(
      'KAFKA_BROKERS or BENCH_KAFKA_TOOLS_CLASSPATH is not set: run through "npm run bench" (scripts/bench.sh)',
    );
  return { brokers, classpath };
}

async function tool(env: KafkaToolsEnv, main: string, args: string[]): Promise<string> {
  const jvm = ['-Xms64m', '-Xmx512m', '-XX:+UseSerialGC', '-Djava.awt.headless=true'];
  try {
    const { stdout } = await run('java', [...jvm, '-cp', env.classpath, main, ...args], {
      timeout: 300000,
      maxBuffer: 16 << 20,
    });
    return stdout;
  } catch (err) {
    const e = err as Error & { stdout?: string; stderr?: string };
    throw new Error(
      `${main} failed: ${e.message}\n${(e.stdout ?? '').slice(-2000)}\n${(e.stderr ?? '').slice(-2000)}`,
    );
  }
}

/** Runs `work` with an admin client of the bench broker, disconnected afterwards. */
async function withAdmin<T>(brokers: string, work: (admin: Admin) => Promise<T>): Promise<T> {
  const kafka = new Kafka({
    clientId: 'bench-raw',
    brokers: brokers.split(','),
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.disconnect();
  }
}

/** A fresh topic per run, so a consumer run reads exactly what the producer run wrote. */
export async function createTopic(brokers: string, topic: string, partitions: number) {
  await withAdmin(brokers, (admin) =>
    admin.createTopics({
      waitForLeaders: true,
      topics: [{ topic, numPartitions: partitions, replicationFactor: 1 }],
    }),
  );
}

export async function deleteTopics(brokers: string, topics: string[]) {
  await withAdmin(brokers, (admin) => admin.deleteTopics({ topics }).catch(() => undefined));
}

/** `N records sent, X records/sec (Y MB/sec), A ms avg latency, M ms max latency, ...` */
export function parseProducerPerformance(out: string) {
  const m =
    /(\d+) records sent, ([\d.]+) records\/sec \(([\d.]+) MB\/sec\), ([\d.]+) ms avg latency, ([\d.]+) ms max latency, (\d+) ms 50th, (\d+) ms 95th, (\d+) ms 99th/.exec(
      out,
    );
  if (!m) throw new Error(`ProducerPerformance printed no summary:\n${out.slice(-2000)}`);
  return { records: Number(m[1]), perSecond: Number(m[2]), p50: Number(m[6]), p99: Number(m[8]) };
}

/** The CSV header line and one values line (`start.time, ..., fetch.nMsg.sec`). */
export function parseConsumerPerformance(out: string) {
  const lines = out.trim().split('\n');
  const h = lines.findIndex((l) => l.startsWith('start.time'));
  if (h < 0 || !lines[h + 1])
    throw new Error(`ConsumerPerformance printed no result:\n${out.slice(-2000)}`);
  const names = lines[h].split(',').map((s) => s.trim());
  const values = lines[h + 1].split(',').map((s) => s.trim());
  const get = (n: string) => Number(values[names.indexOf(n)]);
  return {
    messages: get('data.consumed.in.nMsg'),
    // Excludes the consumer group's join (rebalance.time.ms), which on a one-off run of a few
    // seconds would dominate; the services' consumers join once and stay.
    perSecond: get('fetch.nMsg.sec'),
    withJoinPerSecond: get('nMsg.sec'),
  };
}

/** `Percentiles: 50th = A, 99th = B, 99.9th = C` (ms). */
export function parseEndToEndLatency(out: string) {
  const m = /50th = ([\d.]+), 99th = ([\d.]+)/.exec(out);
  if (!m) throw new Error(`EndToEndLatency printed no percentiles:\n${out.slice(-2000)}`);
  return { p50: Number(m[1]), p99: Number(m[2]) };
}

export async function producerPerformance(
  env: KafkaToolsEnv,
  topic: string,
  records: number,
  recordSize: number,
) {
  const out = await tool(env, 'org.apache.kafka.tools.ProducerPerformance', [
    ...['--topic', topic, '--num-records', String(records)],
    ...['--record-size', String(recordSize), '--throughput', '-1'],
    ...['--producer-props', `bootstrap.servers=${env.brokers}`, 'acks=all'],
  ]);
  return parseProducerPerformance(out);
}

export async function consumerPerformance(env: KafkaToolsEnv, topic: string, messages: number) {
  const out = await tool(env, 'org.apache.kafka.tools.ConsumerPerformance', [
    ...['--bootstrap-server', env.brokers, '--topic', topic],
    ...['--messages', String(messages), '--timeout', '60000'],
  ]);
  return parseConsumerPerformance(out);
}

/** One message at a time: produced (acks=all), then consumed, before the next is sent. */
export async function endToEndLatency(
  env: KafkaToolsEnv,
  topic: string,
  messages: number,
  size: number,
) {
  const out = await tool(env, 'org.apache.kafka.tools.EndToEndLatency', [
    env.brokers,
    topic,
    String(messages),
    'all',
    String(size),
  ]);
  return parseEndToEndLatency(out);
}
