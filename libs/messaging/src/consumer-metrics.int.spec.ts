import { randomUUID } from 'crypto';
import { IsInt, IsString } from 'class-validator';
import { Admin, Kafka, Producer } from 'kafkajs';
import { register } from 'prom-client';
import { TopicSpec, dlqTopicName } from '@inventory/contracts';
import { waitFor } from '@inventory/testing';
import { InboundMessage, KAFKA_HANDLER_EXTRAS } from './inbound-message';
import { KafkaConsumerServer } from './kafka-consumer.server';
import { createKafka } from './kafka-factory';
import { ensureTopics } from './topic-provisioner';

class ItemCounted {
  @IsString()
  sku!: string;

  @IsInt()
  qty!: number;
}

const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:19092').split(',');
const topic = 'test.metrics.v1';
const spec: TopicSpec = { name: topic, partitions: 3, key: 'sku', description: 'test' };

/** The value of one series in a fresh scrape of the process's registry (0 when absent). */
async function scraped(name: string, labels: Record<string, string>): Promise<number> {
  const metric = (await register.getMetricsAsJSON()).find((m) => m.name === name);
  const series = metric?.values.find((v) =>
    Object.entries(labels).every(([k, value]) => v.labels[k] === value),
  );
  return series?.value ?? 0;
}

describe('consumer metrics on a real broker', () => {
  let prefix = '';
  let kafka: Kafka;
  let admin: Admin;
  let producer: Producer;
  const servers: KafkaConsumerServer[] = [];

  beforeAll(async () => {
    kafka = createKafka({ brokers, clientId: 'consumer-metrics-int' });
    admin = kafka.admin();
    await admin.connect();
    producer = kafka.producer();
    await producer.connect();
  });

  beforeEach(async () => {
    prefix = `${process.env.KAFKA_TOPIC_PREFIX}metrics-${randomUUID().slice(0, 8)}.`;
    await ensureTopics(admin, prefix, [spec, { ...spec, name: dlqTopicName(topic) }]);
  });

  afterEach(async () => {
    for (const server of servers.splice(0)) await server.close();
  }, 30000);

  afterAll(async () => {
    await producer.disconnect();
    await admin.disconnect();
  });

  async function start(
    groupId: string,
    handler: (m: InboundMessage<ItemCounted>) => Promise<void>,
  ): Promise<KafkaConsumerServer> {
    const server = new KafkaConsumerServer({ kafka, groupId, topicPrefix: prefix });
    server.addHandler(topic, handler as never, true, {
      [KAFKA_HANDLER_EXTRAS]: { types: { item_counted: ItemCounted } },
    });
    await new Promise<void>((resolve, reject) =>
      server.listen((err?: unknown) => (err ? reject(err) : resolve())),
    );
    servers.push(server);
    return server;
  }

  const item = (i: number) => ({
    key: 'one-key',
    value: JSON.stringify({ sku: 'S', qty: i }),
    headers: { 'event-type': 'item_counted', 'event-id': `m-${i}` },
  });

  it('counts dead letters by logical topic and reason', async () => {
    const before = {
      unparseable: await scraped('kafka_messages_dead_lettered_total', {
        topic,
        reason: 'unparseable',
      }),
      invalid: await scraped('kafka_messages_dead_lettered_total', { topic, reason: 'invalid' }),
    };
    await producer.send({
      topic: prefix + topic,
      messages: [
        { key: 'a', value: 'not json {', headers: { 'event-type': 'item_counted' } },
        {
          key: 'a',
          value: '{"sku": 1, "qty": "x"}',
          headers: { 'event-type': 'item_counted', 'event-id': 'bad' },
        },
        item(1),
      ],
    });
    const handled: string[] = [];
    await start(`${prefix}dead`, async (m) => void handled.push(m.eventId));
    await waitFor(() => handled.length === 1, { what: 'the valid message', timeoutMs: 30000 });

    const labels = (reason: string) => ({ topic, reason });
    expect(await scraped('kafka_messages_dead_lettered_total', labels('unparseable'))).toBe(
      before.unparseable + 1,
    );
    expect(await scraped('kafka_messages_dead_lettered_total', labels('invalid'))).toBe(
      before.invalid + 1,
    );
    // The label is the logical topic: the deployment's prefix would split series per deployment.
    const metric = (await register.getMetricsAsJSON()).find(
      (m) => m.name === 'kafka_messages_dead_lettered_total',
    );
    expect(metric?.values.some((v) => String(v.labels.topic).startsWith(prefix))).toBe(false);
  }, 60000);

  it('reports consumer lag per group and topic from the broker, down to 0 once committed', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const handled: string[] = [];
    const groupId = `${prefix}lag`;
    const server = await start(groupId, async (m) => {
      await gate; // the first message holds the (single-key) partition until released
      handled.push(m.eventId);
    });
    const untrack = server.trackLag(admin);
    try {
      const series = { group: groupId, topic };
      expect(await scraped('kafka_consumer_lag_messages', series)).toBe(0);
      await producer.send({
        topic: prefix + topic,
        messages: Array.from({ length: 10 }, (_, i) => item(i)),
      });
      // Nothing is committed while the handler is held: the whole batch is lag.
      await waitFor(async () => (await scraped('kafka_consumer_lag_messages', series)) === 10, {
        what: 'a lag of 10',
        timeoutMs: 30000,
      });
      release();
      await waitFor(() => handled.length === 10, { what: '10 messages', timeoutMs: 30000 });
      await waitFor(async () => (await scraped('kafka_consumer_lag_messages', series)) === 0, {
        what: 'the lag back to 0',
        timeoutMs: 30000,
      });
    } finally {
      release();
      untrack();
    }
    const after = (await register.getMetricsAsJSON()).find(
      (m) => m.name === 'kafka_consumer_lag_messages',
    );
    expect(after?.values.filter((v) => v.labels.group === groupId)).toEqual([]);
  }, 60000);
});
