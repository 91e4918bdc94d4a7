import { randomUUID } from 'crypto';
import { Kafka, KafkaMessage } from 'kafkajs';
import { ServiceConfig } from '@inventory/config';
import { DLQ_HEADERS, REPLAYED_FROM_HEADER, TOPICS, dlqTopicName } from '@inventory/contracts';
import { createKafka, ensureTopics } from '@inventory/messaging';
import { testAuthEnv, waitFor } from '@inventory/testing';
import type { ServiceDefinition } from './bootstrap';
import { runServiceCli } from './cli';

class TestConfig extends ServiceConfig {
  override HTTP_PORT = 0;
}

const def: ServiceDefinition<TestConfig> = {
  name: 'replay-cli-test',
  description: 'test',
  configSchema: TestConfig,
  rootModule: () => {
    throw new Error('not started by the CLI');
  },
};

describe('cli replay-dead-letters', () => {
  const topic = TOPICS.diagnostics.name;
  const prefix = `${process.env.KAFKA_TOPIC_PREFIX}replaycli-${randomUUID().slice(0, 8)}.`;
  const savedPrefix = process.env.KAFKA_TOPIC_PREFIX;
  let kafka: Kafka;
  let out: string[];
  const log = jest.spyOn(console, 'log');
  const error = jest.spyOn(console, 'error');

  beforeAll(async () => {
    process.env.KAFKA_TOPIC_PREFIX = prefix; // the CLI reads the service's environment
    // A CLI validates the service's whole configuration, credentials included.
    Object.assign(process.env, testAuthEnv());
    kafka = createKafka({ brokers: process.env.KAFKA_BROKERS!.split(','), clientId: 'cli-test' });
    const admin = kafka.admin();
    await admin.connect();
    const spec = TOPICS.diagnostics;
    await ensureTopics(admin, prefix, [spec, { ...spec, name: dlqTopicName(topic) }]);
    await admin.disconnect();
    // Two dead letters as the consumer transport writes them.
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic: prefix + dlqTopicName(topic),
      messages: ['p-1', 'p-2'].map((id) => ({
        key: id,
        value: JSON.stringify({ probe_id: id }),
        headers: {
          'event-id': id,
          'event-type': 'bus_probe',
          [DLQ_HEADERS.reason]: 'handler_failed',
          [DLQ_HEADERS.error]: 'Error: boom (after 5 attempts)',
          [DLQ_HEADERS.originalTopic]: prefix + topic,
        },
      })),
    });
    await producer.disconnect();
  });

  beforeEach(() => {
    out = [];
    log.mockImplementation((line: string) => void out.push(line));
    error.mockImplementation((line: string) => void out.push(line));
  });

  afterAll(() => {
    process.env.KAFKA_TOPIC_PREFIX = savedPrefix;
    delete process.env.AUTH_API_KEYS;
    log.mockRestore();
    error.mockRestore();
  });

  it('refuses an unknown topic or a missing one with the usage (exit 2)', async () => {
    expect(await runServiceCli(def, ['replay-dead-letters', 'no.such.topic.v1'])).toBe(2);
    expect(await runServiceCli(def, ['replay-dead-letters'])).toBe(2);
    expect(out.join('\n')).toContain(`topics: ${TOPICS.sources.name}`);
  });

  it('lists with --dry-run, then republishes to the topic', async () => {
    expect(await runServiceCli(def, ['replay-dead-letters', topic, '--dry-run'])).toBe(0);
    expect(out.filter((l) => l.startsWith('would replay'))).toHaveLength(2);
    expect(out.at(-1)).toBe(
      `${prefix}${topic}.dlq: 2 would be replayed to ${prefix}${topic} (handler_failed 2)`,
    );

    out = [];
    expect(await runServiceCli(def, ['replay-dead-letters', topic])).toBe(0);
    expect(out.at(-1)).toBe(
      `${prefix}${topic}.dlq: 2 replayed to ${prefix}${topic} (handler_failed 2)`,
    );
    const seen: KafkaMessage[] = [];
    const consumer = kafka.consumer({ groupId: `${prefix}reader-${randomUUID()}` });
    await consumer.connect();
    await consumer.subscribe({ topic: prefix + topic, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void seen.push(message) });
    await waitFor(() => seen.length >= 2, { what: 'the replayed messages', timeoutMs: 30000 });
    await consumer.disconnect();
    expect(seen.map((m) => m.headers!['event-id']!.toString()).sort()).toEqual(['p-1', 'p-2']);
    for (const m of seen) {
      expect(m.headers![DLQ_HEADERS.reason]).toBeUndefined();
      expect(m.headers![REPLAYED_FROM_HEADER]!.toString()).toContain(`${topic}.dlq:0:`);
    }

    out = [];
    expect(await runServiceCli(def, ['replay-dead-letters', topic])).toBe(0);
    expect(out).toEqual([`${prefix}${topic}.dlq: nothing to replay`]);
  }, 60000);
});
