import { randomUUID } from 'crypto';
import { IsString } from 'class-validator';
import { Admin, Kafka, Producer } from 'kafkajs';
import { DLQ_HEADERS, REPLAYED_FROM_HEADER, TopicSpec, dlqTopicName } from '@inventory/contracts';
import { waitFor } from '@inventory/testing';
import { DEAD_LETTER_REPLAY_GROUP, replayDeadLetters } from './dead-letter-replay';
import { InboundMessage, KAFKA_HANDLER_EXTRAS, PermanentMessageError } from './inbound-message';
import { KafkaConsumerServer } from './kafka-consumer.server';
import { consumerGroupLag } from './kafka-health';
import { createKafka } from './kafka-factory';
import { ensureTopics } from './topic-provisioner';

class Thing {
  @IsString()
  name!: string;
}

const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:19092').split(',');
const topic = 'test.replay.v1';
const spec: TopicSpec = { name: topic, partitions: 3, key: 'name', description: 'test' };

describe('replayDeadLetters on a real broker', () => {
  const prefix = `${process.env.KAFKA_TOPIC_PREFIX}replay-${randomUUID().slice(0, 8)}.`;
  let kafka: Kafka;
  let admin: Admin;
  let producer: Producer;
  let server: KafkaConsumerServer;
  let broken = true;
  /** Every delivery the handler saw: event id and its headers. */
  const deliveries: Array<{ eventId: string; headers: Record<string, string> }> = [];
  const applied = new Set<string>();

  beforeAll(async () => {
    kafka = createKafka({ brokers, clientId: 'replay-int' });
    admin = kafka.admin();
    await admin.connect();
    producer = kafka.producer();
    await producer.connect();
    await ensureTopics(admin, prefix, [spec, { ...spec, name: dlqTopicName(topic) }]);
    server = new KafkaConsumerServer({ kafka, groupId: `${prefix}svc`, topicPrefix: prefix });
    server.addHandler(
      topic,
      (async (m: InboundMessage<Thing>) => {
        deliveries.push({ eventId: m.eventId, headers: m.headers });
        // A bug that makes some messages fail for good until it is fixed (`broken = false`).
        if (broken && m.payload.name.startsWith('bug')) throw new PermanentMessageError('bug');
        applied.add(m.eventId);
      }) as never,
      true,
      { [KAFKA_HANDLER_EXTRAS]: { types: { thing: Thing } } },
    );
    await new Promise<void>((resolve, reject) =>
      server.listen((err?: unknown) => (err ? reject(err) : resolve())),
    );
  }, 60000);

  afterAll(async () => {
    await server.close();
    await producer.disconnect();
    await admin.disconnect();
  }, 30000);

  const thing = (name: string) => ({
    key: name,
    value: JSON.stringify({ name }),
    headers: { 'event-type': 'thing', 'event-id': `id-${name}`, 'correlation-id': `c-${name}` },
  });

  it('dry-runs, then republishes each dead letter once, without its dlq headers', async () => {
    await producer.send({
      topic: prefix + topic,
      messages: [thing('ok-1'), thing('bug-1'), thing('bug-2'), thing('bug-3'), thing('ok-2')],
    });
    await waitFor(
      async () => (await consumerGroupLag(admin, `${prefix}svc`, [prefix + topic])) === 0,
      {
        what: 'the service to pass every message',
        timeoutMs: 30000,
      },
    );
    expect([...applied].sort()).toEqual(['id-ok-1', 'id-ok-2']);

    const dryLines: string[] = [];
    const dry = await replayDeadLetters({
      kafka,
      admin,
      topic,
      topicPrefix: prefix,
      dryRun: true,
      log: (l) => dryLines.push(l),
    });
    expect(dry).toEqual({ total: 3, replayed: 0, skipped: 0, byReason: { handler_failed: 3 } });
    expect(dryLines.filter((l) => l.startsWith('would replay'))).toHaveLength(3);
    expect(dryLines.join('\n')).toContain('event-id=id-bug-2');
    const deliveredBefore = deliveries.length;

    broken = false; // the bug is fixed and deployed
    const report = await replayDeadLetters({ kafka, admin, topic, topicPrefix: prefix });
    expect(report).toEqual({ total: 3, replayed: 3, skipped: 0, byReason: { handler_failed: 3 } });
    await waitFor(() => applied.size === 5, { what: 'the replayed messages', timeoutMs: 30000 });
    const replayed = deliveries.slice(deliveredBefore);
    expect(replayed.map((d) => d.eventId).sort()).toEqual(['id-bug-1', 'id-bug-2', 'id-bug-3']);
    for (const { headers } of replayed) {
      expect(headers[REPLAYED_FROM_HEADER]).toMatch(
        new RegExp(`^${prefix.replace(/\./g, '\\.')}test\\.replay\\.v1\\.dlq:\\d:\\d+$`),
      );
      expect(headers['correlation-id']).toMatch(/^c-bug-/);
      expect(
        Object.keys(headers).filter((h) => Object.values(DLQ_HEADERS).includes(h as never)),
      ).toEqual([]);
    }

    // Progress is kept: a second replay finds nothing new and republishes nothing.
    const lines: string[] = [];
    const again = await replayDeadLetters({
      kafka,
      admin,
      topic,
      topicPrefix: prefix,
      log: (l) => lines.push(l),
    });
    expect(again).toEqual({ total: 0, replayed: 0, skipped: 0, byReason: {} });
    expect(lines).toEqual([`${prefix}${topic}.dlq: nothing to replay`]);
    const [progress] = await admin.fetchOffsets({
      groupId: prefix + DEAD_LETTER_REPLAY_GROUP,
      topics: [prefix + dlqTopicName(topic)],
    });
    const committed = progress.partitions.reduce((n, p) => n + Math.max(0, Number(p.offset)), 0);
    expect(committed).toBe(3);
  }, 90000);

  it('replays only dead letters newer than the last replay', async () => {
    broken = true;
    const before = deliveries.length;
    await producer.send({ topic: prefix + topic, messages: [thing('bug-4')] });
    await waitFor(() => deliveries.length > before, { what: 'bug-4', timeoutMs: 30000 });
    await waitFor(
      async () => (await consumerGroupLag(admin, `${prefix}svc`, [prefix + topic])) === 0,
      {
        what: 'bug-4 to be dead-lettered',
        timeoutMs: 30000,
      },
    );
    broken = false;
    const report = await replayDeadLetters({ kafka, admin, topic, topicPrefix: prefix });
    expect(report.replayed).toBe(1);
    await waitFor(() => applied.has('id-bug-4'), { what: 'bug-4 applied', timeoutMs: 30000 });
    expect(applied.size).toBe(6);
  }, 90000);

  it('with a reason, replays only that reason; a later replay takes the rest, none twice', async () => {
    // Dead letters of three reasons, written as the consumer transport writes them, on one
    // partition so their order is known: invalid, unparseable, invalid, handler_failed.
    const reasonTopic = 'test.replay-reason.v1';
    const one: TopicSpec = { ...spec, name: reasonTopic, partitions: 1 };
    await ensureTopics(admin, prefix, [one, { ...one, name: dlqTopicName(reasonTopic) }]);
    const dead = (id: string, reason: string) => ({
      key: id,
      value: JSON.stringify({ name: id }),
      headers: { 'event-id': id, [DLQ_HEADERS.reason]: reason, [DLQ_HEADERS.error]: 'x' },
    });
    const send = (messages: ReturnType<typeof dead>[]) =>
      producer.send({ topic: prefix + dlqTopicName(reasonTopic), messages });
    await send([
      dead('i-1', 'invalid'),
      dead('u-1', 'unparseable'),
      dead('i-2', 'invalid'),
      dead('h-1', 'handler_failed'),
    ]);
    const replay = (reason?: 'invalid' | 'unparseable', dryRun = false) =>
      replayDeadLetters({ kafka, admin, topic: reasonTopic, topicPrefix: prefix, reason, dryRun });

    expect(await replay('invalid', true)).toEqual({
      total: 2,
      replayed: 0,
      skipped: 2,
      byReason: { invalid: 2 },
    });
    expect(await replay('invalid')).toEqual({
      total: 2,
      replayed: 2,
      skipped: 2,
      byReason: { invalid: 2 },
    });
    expect(await replay('invalid')).toEqual({ total: 0, replayed: 0, skipped: 0, byReason: {} });
    // A new invalid one arrives; the unfiltered replay takes everything but the replayed ones.
    await send([dead('i-3', 'invalid')]);
    expect(await replay()).toEqual({
      total: 3,
      replayed: 3,
      skipped: 2,
      byReason: { unparseable: 1, handler_failed: 1, invalid: 1 },
    });
    expect(await replay('unparseable')).toEqual({
      total: 0,
      replayed: 0,
      skipped: 0,
      byReason: {},
    });

    const seen: string[] = [];
    const reader = kafka.consumer({ groupId: `${prefix}reader-${randomUUID()}` });
    await reader.connect();
    await reader.subscribe({ topic: prefix + reasonTopic, fromBeginning: true });
    await reader.run({
      eachMessage: async ({ message }) => void seen.push(message.headers!['event-id']!.toString()),
    });
    await waitFor(() => seen.length >= 5, { what: 'the replayed messages', timeoutMs: 30000 });
    await reader.disconnect();
    expect(seen).toEqual(['i-1', 'i-2', 'u-1', 'h-1', 'i-3']);
  }, 90000);
});
