import { randomUUID } from 'crypto';
import { Kafka, KafkaMessage } from 'kafkajs';
import { DLQ_HEADERS, TOPICS, dlqTopicName } from '@inventory/contracts';
import { consumerGroupLag, createKafka } from '@inventory/messaging';
import { ServiceProcess, api, json, startService, testInfraEnv, waitFor } from '@inventory/testing';

/**
 * Shipment deductions arrive over Kafka while two replicas of the service consume them: a hot
 * item of 100 receives 200 deductions of 1. Exactly 100 succeed, the item ends at 0 and never
 * below, every shipment gets one outcome, and redelivering every command changes nothing.
 */
describe('deductions over Kafka with two replicas', () => {
  const prefix = `${process.env.KAFKA_TOPIC_PREFIX}si-ded.`;
  const env = {
    ...testInfraEnv(),
    KAFKA_TOPIC_PREFIX: prefix,
    REDIS_KEY_PREFIX: `${process.env.REDIS_KEY_PREFIX}si-ded:`,
  };
  const kafka: Kafka = createKafka({
    brokers: process.env.KAFKA_BROKERS!.split(','),
    clientId: 'deductions-test',
  });
  const producer = kafka.producer();
  const admin = kafka.admin();
  const replicas: ServiceProcess[] = [];
  let a: ServiceProcess;

  const post = (path: string, body: unknown) =>
    api(`${a.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const history = async (source: string, sku: string) =>
    json(await api(`${a.url}/V1/inventory/source-items/${source}/${sku}/history`));
  const deduct = (shipment: string, lines: Array<[string, number]>) => ({
    key: shipment,
    value: JSON.stringify({
      type: 'deduct_source_items',
      event_id: randomUUID(),
      shipment_id: shipment,
      source_code: 'wh',
      items: lines.map(([sku, qty]) => ({ sku, qty })),
    }),
  });
  const send = (messages: Array<{ key: string; value: string }>) =>
    producer.send({ topic: prefix + TOPICS.sourceCommands.name, messages });
  const drained = () =>
    waitFor(
      async () =>
        (await consumerGroupLag(admin, `${prefix}source-inventory`, [
          prefix + TOPICS.sourceCommands.name,
        ])) === 0,
      {
        what: 'the command topic to be consumed',
        timeoutMs: 60000,
        intervalMs: 250,
      },
    );

  async function readAll(topic: string, expected: number): Promise<KafkaMessage[]> {
    const consumer = kafka.consumer({ groupId: `reader-${randomUUID()}` });
    const seen: KafkaMessage[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic: prefix + topic, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void seen.push(message) });
    await waitFor(() => seen.length >= expected, {
      what: `${expected} messages on ${topic}`,
      timeoutMs: 60000,
    });
    await consumer.disconnect();
    return seen;
  }

  beforeAll(async () => {
    for (let i = 0; i < 2; i++) replicas.push(await startService('source-inventory', env));
    await Promise.all(replicas.map((r) => r.waitReady()));
    a = replicas[0];
    await Promise.all([producer.connect(), admin.connect()]);
    expect(
      (
        await post('/V1/inventory/sources', {
          source: { source_code: 'wh', name: 'Warehouse', country_id: 'US', postcode: '10001' },
        })
      ).status,
    ).toBe(201);
    const saved = await post('/V1/inventory/source-items', {
      sourceItems: [
        { sku: 'HOT', source_code: 'wh', quantity: 100, status: 1 },
        { sku: 'A', source_code: 'wh', quantity: 5, status: 1 },
        { sku: 'B', source_code: 'wh', quantity: 1, status: 1 },
      ],
    });
    expect(saved.status).toBe(200);
  }, 120000);

  afterAll(async () => {
    await Promise.all([producer.disconnect(), admin.disconnect()]);
    await Promise.all(replicas.map((r) => r.stop('SIGKILL')));
  });

  it('deducts exactly the 100 units there are out of 200 concurrent requests, never below zero', async () => {
    const commands = Array.from({ length: 200 }, (_, i) => deduct(`ship-${i}`, [['HOT', 1]]));
    await send(commands);
    await drained();
    const outcomes = await readAll(TOPICS.sourceDeductions.name, 200);
    const byShipment = new Map(
      outcomes.map((m) => [m.key!.toString(), m.headers!['event-type']!.toString()]),
    );
    expect(byShipment.size).toBe(200);
    const completed = [...byShipment.values()].filter(
      (t) => t === 'source_deduction_completed',
    ).length;
    expect(completed).toBe(100);
    const events = await history('wh', 'HOT');
    expect(events[0].quantity).toBe('0.0000');
    expect(events.filter((e: { type: string }) => e.type === 'source_item_deducted')).toHaveLength(
      100,
    );
    expect(events.every((e: { quantity: string }) => Number(e.quantity) >= 0)).toBe(true);
    // The relay published every change of the item, keyed by SKU, in stream order.
    const published = (await readAll(TOPICS.sourceItems.name, events.length + 2)).filter(
      (m) => m.key!.toString() === 'HOT',
    );
    expect(published.map((m) => Number(m.headers!['stream-version']!.toString()))).toEqual(
      published.map((_, i) => i),
    );
    expect(
      published.filter((m) => m.headers!['event-type']!.toString() === 'source_item_deducted'),
    ).toHaveLength(100);
  }, 120000);

  it('deducts all lines of a shipment or none', async () => {
    await send([
      deduct('ship-multi', [
        ['A', 2],
        ['B', 3],
      ]),
    ]);
    await drained();
    const outcome = await json(await api(`${a.url}/V1/inventory/source-deductions/ship-multi`));
    expect(outcome).toMatchObject({
      status: 'rejected',
      message: 'Not all of your products are available in the requested quantity.',
      errors: [{ sku: 'B', requested: '3.0000', available: '1.0000' }],
    });
    expect((await history('wh', 'A'))[0].quantity).toBe('5.0000');
  }, 60000);

  it('changes nothing when every command is delivered again', async () => {
    const before = (await history('wh', 'HOT')).length;
    const again = Array.from({ length: 200 }, (_, i) => deduct(`ship-${i}`, [['HOT', 1]]));
    await send([...again, ...again.slice(0, 50)]);
    await drained();
    expect((await history('wh', 'HOT')).length).toBe(before);
    const offsets = await admin.fetchTopicOffsets(prefix + TOPICS.sourceDeductions.name);
    expect(offsets.reduce((n, p) => n + Number(p.high), 0)).toBe(201); // 200 + ship-multi, no more
  }, 60000);

  it('restocks a refund once, however often the command arrives', async () => {
    const restock = {
      key: 'memo-1',
      value: JSON.stringify({
        type: 'restock_source_items',
        event_id: randomUUID(),
        creditmemo_id: 'memo-1',
        source_code: 'wh',
        items: [
          { sku: 'HOT', qty: 2 },
          { sku: 'NEW-ITEM', qty: '1.5' },
        ],
      }),
    };
    await send([
      restock,
      restock,
      {
        ...restock,
        value: restock.value.replace(/"event_id":"[^"]+"/, `"event_id":"${randomUUID()}"`),
      },
    ]);
    await drained();
    expect((await history('wh', 'HOT'))[0]).toMatchObject({
      type: 'source_item_restocked',
      quantity: '2.0000',
      creditmemo_id: 'memo-1',
    });
    expect(
      (await history('wh', 'HOT')).filter(
        (e: { type: string }) => e.type === 'source_item_restocked',
      ),
    ).toHaveLength(1);
    expect((await history('wh', 'NEW-ITEM'))[0]).toMatchObject({ quantity: '1.5000', status: 1 });
  }, 60000);

  it('dead-letters malformed commands with a reason and keeps consuming', async () => {
    await send([
      { key: 'bad-1', value: '{"type": "deduct_source_items", ' },
      {
        key: 'bad-2',
        value: JSON.stringify({
          type: 'deduct_source_items',
          event_id: randomUUID(),
          shipment_id: 'x',
          source_code: 'wh',
          items: [{ sku: 'HOT', qty: 'one' }],
        }),
      },
      {
        key: 'bad-3',
        value: JSON.stringify({ type: 'teleport_source_items', event_id: randomUUID() }),
      },
      deduct('ship-after-poison', [['A', 1]]),
    ]);
    await drained();
    const dead = await readAll(dlqTopicName(TOPICS.sourceCommands.name), 3);
    expect(dead.map((m) => m.headers![DLQ_HEADERS.reason]!.toString()).sort()).toEqual([
      'invalid',
      'unknown_type',
      'unparseable',
    ]);
    expect((await history('wh', 'A'))[0].quantity).toBe('4.0000');
  }, 60000);
});
