import { randomUUID } from 'crypto';
import { IsInt, IsString, Min } from 'class-validator';
import { Admin, EachMessagePayload, Kafka, Producer } from 'kafkajs';
import { DLQ_HEADERS, TopicSpec, dlqTopicName } from '@inventory/contracts';
import { waitFor } from '@inventory/testing';
import { InboundMessage, KAFKA_HANDLER_EXTRAS, PermanentMessageError } from './inbound-message';
import { KafkaConsumerServer } from './kafka-consumer.server';
import { consumerGroupLag } from './kafka-health';
import { createKafka } from './kafka-factory';
import { ensureTopics } from './topic-provisioner';

class ItemCounted {
  @IsString()
  sku!: string;

  @IsInt()
  @Min(0)
  qty!: number;
}

const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:19092').split(',');

describe('KafkaConsumerServer on a real broker', () => {
  // A fresh topic pair per test, so one test's dead letters never satisfy another's expectations.
  let prefix = '';
  const topic = 'test.items.v1';
  const spec: TopicSpec = { name: topic, partitions: 3, key: 'sku', description: 'test' };
  let kafka: Kafka;
  let admin: Admin;
  let producer: Producer;

  beforeAll(async () => {
    kafka = createKafka({ brokers, clientId: 'consumer-int' });
    admin = kafka.admin();
    await admin.connect();
    producer = kafka.producer();
    await producer.connect();
  });

  beforeEach(async () => {
    prefix = `${process.env.KAFKA_TOPIC_PREFIX}consumer-${randomUUID().slice(0, 8)}.`;
    await ensureTopics(admin, prefix, [spec, { ...spec, name: dlqTopicName(topic) }]);
  });

  afterAll(async () => {
    await producer.disconnect();
    await admin.disconnect();
  });

  async function send(
    messages: Array<{ key: string; value: string; headers?: Record<string, string> }>,
  ): Promise<void> {
    await producer.send({ topic: prefix + topic, messages });
  }

  /**
   * Dead letters from the beginning of the shared DLQ topic; with `ids`, only those event ids
   * (other tests of this file dead-letter into the same topic, in an order load can change).
   */
  async function readDeadLetters(
    count: number,
    ids?: readonly string[],
  ): Promise<EachMessagePayload['message'][]> {
    const consumer = kafka.consumer({ groupId: `${prefix}dlq-reader-${randomUUID()}` });
    const seen: EachMessagePayload['message'][] = [];
    await consumer.connect();
    await consumer.subscribe({ topic: prefix + dlqTopicName(topic), fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const id = message.headers?.['event-id']?.toString() ?? '';
        if (!ids || ids.includes(id)) seen.push(message);
      },
    });
    await waitFor(() => seen.length >= count, { what: `${count} dead letters`, timeoutMs: 30000 });
    await consumer.disconnect();
    return seen;
  }

  function startServer(
    groupId: string,
    handler: (m: InboundMessage<ItemCounted>) => Promise<void>,
    keyConcurrency?: number,
  ): Promise<KafkaConsumerServer> {
    const server = new KafkaConsumerServer({
      kafka,
      groupId,
      topicPrefix: prefix,
      retryBaseDelayMs: 10,
    });
    server.addHandler(topic, handler as never, true, {
      [KAFKA_HANDLER_EXTRAS]: {
        types: { item_counted: ItemCounted },
        maxAttempts: 3,
        keyConcurrency,
      },
    });
    return new Promise((resolve, reject) =>
      server.listen((err?: unknown) => (err ? reject(err) : resolve(server))),
    );
  }

  it('with keyConcurrency, handles keys of a partition at once and keeps order per key', async () => {
    await send(
      Array.from({ length: 200 }, (_, i) => ({
        key: `K-${i % 20}`,
        value: JSON.stringify({ sku: `K-${i % 20}`, qty: i }),
        headers: { 'event-type': 'item_counted', 'event-id': `kc-${i}` },
      })),
    );
    const seen = new Map<string, number[]>();
    let inFlight = 0;
    let maxInFlight = 0;
    const server = await startServer(
      `${prefix}keys`,
      async (m) => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise((r) => setTimeout(r, 5));
        seen.set(m.payload.sku, [...(seen.get(m.payload.sku) ?? []), m.payload.qty]);
        inFlight--;
      },
      8,
    );
    try {
      await waitFor(() => new Set([...seen.values()].flat()).size >= 200 || undefined, {
        what: '200 messages',
        timeoutMs: 30000,
      });
      for (const [sku, qtys] of seen) {
        // At least once: a redelivered batch may repeat messages; first deliveries keep key order.
        const first = [...new Set(qtys)];
        expect(first).toEqual([...first].sort((a, b) => a - b));
        expect(first).toHaveLength(10);
        expect(qtys.every((q) => `K-${q % 20}` === sku)).toBe(true);
      }
      expect(maxInFlight).toBeGreaterThan(3);
    } finally {
      await server.close();
    }
  }, 40000);

  it('processes valid messages, dead-letters bad ones with a reason, and drains its lag to zero', async () => {
    const valid = (i: number) => ({
      key: `SKU-${i % 5}`,
      value: JSON.stringify({ sku: `SKU-${i % 5}`, qty: i }),
      headers: { 'event-type': 'item_counted', 'event-id': `ok-${i}` },
    });
    const bad = [
      {
        key: 'b1',
        value: '{"sku": "A", "qty": ',
        headers: { 'event-type': 'item_counted', 'event-id': 'bad-json' },
      },
      {
        key: 'b2',
        value: '{"sku": 42, "qty": "many"}',
        headers: { 'event-type': 'item_counted', 'event-id': 'bad-types' },
      },
      {
        key: 'b3',
        value: '{"sku": "A", "qty": 1}',
        headers: { 'event-type': 'item_exploded', 'event-id': 'bad-type' },
      },
      {
        key: 'b4',
        value: '{"sku": "A", "qty": -1}',
        headers: { 'event-type': 'item_counted', 'event-id': 'bad-range' },
      },
    ];
    const messages = [...Array.from({ length: 30 }, (_, i) => valid(i)), ...bad];
    // Interleave the poison messages among valid ones on the same keys' partitions.
    await send(
      messages.sort((a, b) => a.headers!['event-id'].localeCompare(b.headers!['event-id'])),
    );

    const processed = new Set<string>();
    const groupId = `${prefix}mix`;
    const server = await startServer(groupId, async (m) => void processed.add(m.eventId));
    try {
      await waitFor(() => processed.size === 30, { what: 'all valid messages', timeoutMs: 30000 });
      const dead = await readDeadLetters(4, ['bad-json', 'bad-types', 'bad-type', 'bad-range']);
      const reasons = Object.fromEntries(
        dead.map((m) => [
          m.headers!['event-id']!.toString(),
          m.headers![DLQ_HEADERS.reason]!.toString(),
        ]),
      );
      expect(reasons).toEqual({
        'bad-json': 'unparseable',
        'bad-types': 'invalid',
        'bad-type': 'unknown_type',
        'bad-range': 'invalid',
      });
      const typesError = dead.find((m) => m.headers!['event-id']!.toString() === 'bad-types')!;
      expect(typesError.headers![DLQ_HEADERS.error]!.toString()).toContain(
        'sku: sku must be a string',
      );
      expect(typesError.headers![DLQ_HEADERS.originalTopic]!.toString()).toBe(prefix + topic);
      expect(typesError.value!.toString()).toBe('{"sku": 42, "qty": "many"}');
    } finally {
      await server.close(); // commits offsets
    }
    expect(await consumerGroupLag(admin, groupId, [prefix + topic])).toBe(0);
  }, 60000);

  it('retries a failing handler, then dead-letters it; permanent errors go straight to the DLQ', async () => {
    const attempts = new Map<string, number>();
    const groupId = `${prefix}retry`;
    await send([
      {
        key: 'r',
        value: '{"sku":"flaky","qty":1}',
        headers: { 'event-type': 'item_counted', 'event-id': 'flaky' },
      },
      {
        key: 'r',
        value: '{"sku":"broken","qty":1}',
        headers: { 'event-type': 'item_counted', 'event-id': 'broken' },
      },
      {
        key: 'r',
        value: '{"sku":"refused","qty":1}',
        headers: { 'event-type': 'item_counted', 'event-id': 'refused' },
      },
      {
        key: 'r',
        value: '{"sku":"after","qty":1}',
        headers: { 'event-type': 'item_counted', 'event-id': 'after' },
      },
    ]);
    const done: string[] = [];
    const server = await startServer(groupId, async (m) => {
      const n = (attempts.get(m.eventId) ?? 0) + 1;
      attempts.set(m.eventId, n);
      if (m.payload.sku === 'flaky' && n < 3) throw new Error('transient');
      if (m.payload.sku === 'broken') throw new Error('always fails');
      if (m.payload.sku === 'refused') throw new PermanentMessageError('cannot apply');
      done.push(m.eventId);
    });
    try {
      await waitFor(() => done.includes('after'), {
        what: 'the message after the poison ones',
        timeoutMs: 30000,
      });
    } finally {
      await server.close();
    }
    expect(done).toEqual(['flaky', 'after']);
    expect(attempts.get('flaky')).toBe(3);
    expect(attempts.get('broken')).toBe(3);
    expect(attempts.get('refused')).toBe(1);
    const dead = await readDeadLetters(2, ['broken', 'refused']);
    const handlerFailed = dead.filter(
      (m) => m.headers![DLQ_HEADERS.reason]!.toString() === 'handler_failed',
    );
    expect(handlerFailed.map((m) => m.headers!['event-id']!.toString()).sort()).toEqual([
      'broken',
      'refused',
    ]);
  }, 60000);

  it('provisions topics idempotently with the declared partition counts', async () => {
    const again = await ensureTopics(admin, prefix, [spec]);
    expect(again).toEqual({ created: [], mismatched: [] });
    const meta = await admin.fetchTopicMetadata({ topics: [prefix + topic] });
    expect(meta.topics[0].partitions).toHaveLength(3);
  });
});
