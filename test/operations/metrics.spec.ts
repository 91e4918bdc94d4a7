import { randomBytes, randomUUID } from 'crypto';
import { Kafka, Producer, logLevel } from 'kafkajs';
import {
  PrivateRedis,
  ServiceProcess,
  freePort,
  privateInfraEnv,
  startService,
  waitFor,
} from '@inventory/testing';
import { renderOverlay } from '../k8s/lib/kustomize';
import { ruleProblems, rulesOf } from '../k8s/lib/rules';
import { ReservationsSuite } from '../reservations/suite';
import { Scrape, scrape } from './scrape';

/**
 * The domain metrics of docs/operations.md on running services, scraped from /metrics: each one
 * moves when the thing it counts happens. Reservations is the service with all of them (it
 * consumes, relays, projects, appends and decides).
 */
describe('operations: domain metrics on /metrics', () => {
  const run = randomBytes(3).toString('hex');
  const channel = `ops-${run}`;
  const sku = `OPS-${run}`;
  let suite: ReservationsSuite;
  let drop: () => Promise<void>;
  let reservations: ServiceProcess;
  let prefix: string;
  let producer: Producer;

  beforeAll(async () => {
    const infra = await privateInfraEnv(`om${run}`);
    drop = infra.drop;
    prefix = infra.env.KAFKA_TOPIC_PREFIX;
    suite = new ReservationsSuite(infra.env);
    await suite.start(1);
    await suite.seed(run, channel, { [sku]: 1 });
    reservations = suite.replicas[0];
    const kafka = new Kafka({
      clientId: `ops-metrics-${run}`,
      brokers: infra.env.KAFKA_BROKERS.split(','),
      logLevel: logLevel.NOTHING,
    });
    producer = kafka.producer();
    await producer.connect();
  }, 180000);

  afterAll(async () => {
    await producer?.disconnect();
    await suite?.stop();
    await drop?.();
  }, 60000);

  const order = (id: string, code = channel) => ({
    id,
    increment_id: id,
    sales_channel: { type: 'website', code },
    items: [{ sku, qty: 1 }],
  });
  const outcomes = (s: Scrape, outcome: string, reason: string) =>
    s.value('reservation_outcomes_total', { kind: 'order', outcome, reason });

  it('counts reserved and rejected orders, each rejection with its MSI reason', async () => {
    const before = await scrape(reservations.url);
    expect((await suite.checkout(reservations.url, order(`o1-${run}`))).status).toBe(201);
    const soldOut = await suite.checkout(reservations.url, order(`o2-${run}`));
    expect(soldOut.status).toBe(409);
    expect(soldOut.body.data.errors?.at(-1)?.code).toBe(
      'is_salable_with_reservations-not_enough_qty',
    );
    const unknown = await suite.checkout(reservations.url, order(`o3-${run}`, `nowhere-${run}`));
    expect(unknown.status).toBe(409);
    // A retry answers the settled outcome and is not a new decision.
    expect((await suite.checkout(reservations.url, order(`o1-${run}`))).status).toBe(201);

    const after = await scrape(reservations.url);
    const delta = (outcome: string, reason: string) =>
      outcomes(after, outcome, reason) - outcomes(before, outcome, reason);
    expect(delta('reserved', 'none')).toBe(1);
    expect(delta('rejected', 'is_salable_with_reservations-not_enough_qty')).toBe(1);
    expect(delta('rejected', 'sales_channel-no_linked_stock')).toBe(1);
    expect(after.has('reservation_outcomes_total', { service: 'reservations' })).toBe(true);
  }, 60000);

  it('counts dead letters by topic and reason when order messages are malformed', async () => {
    const dead = (s: Scrape, reason: string) =>
      s.value('kafka_messages_dead_lettered_total', { topic: 'commerce.orders.v1', reason });
    const before = await scrape(reservations.url);
    await producer.send({
      topic: `${prefix}commerce.orders.v1`,
      messages: [
        { key: `bad-${run}`, value: '{"type": "order_placed", ' },
        {
          key: `bad-${run}`,
          value: JSON.stringify({ event_id: randomUUID(), type: 'order_placed', order: {} }),
        },
      ],
    });
    await waitFor(
      async () => dead(await scrape(reservations.url), 'invalid') > dead(before, 'invalid'),
      {
        what: 'the invalid order message to be dead-lettered',
        timeoutMs: 30000,
      },
    );
    const after = await scrape(reservations.url);
    expect(dead(after, 'unparseable') - dead(before, 'unparseable')).toBe(1);
    expect(dead(after, 'invalid') - dead(before, 'invalid')).toBe(1);
  }, 60000);

  it('reports consumer, relay and projection lag, all back to 0 once caught up', async () => {
    const group = `${prefix}reservations`;
    const caughtUp = (s: Scrape) =>
      s.has('kafka_consumer_lag_messages', { group, topic: 'commerce.orders.v1' }) &&
      s.value('kafka_consumer_lag_messages', { group }) === 0 &&
      s.has('outbox_relay_lag_events', { relay: group }) &&
      s.value('outbox_relay_lag_events', { relay: group }) === 0 &&
      s.value('outbox_relay_lag_seconds', { relay: group }) === 0 &&
      s.has('projection_lag_events', { projection: 'reservations' }) &&
      s.value('projection_lag_events', { projection: 'reservations' }) === 0 &&
      s.value('projection_lag_seconds', { projection: 'reservations' }) === 0;
    await waitFor(async () => caughtUp(await scrape(reservations.url)) || undefined, {
      what: 'every lag of reservations to be 0',
      timeoutMs: 30000,
    });
    const s = await scrape(reservations.url);
    // One series per subscribed topic.
    const topics = s.samples
      .filter((x) => x.name === 'kafka_consumer_lag_messages' && x.labels.group === group)
      .map((x) => x.labels.topic)
      .sort();
    expect(topics).toEqual(
      [
        'commerce.orders.v1',
        'inventory.shipments.v1',
        'inventory.stocks.v1',
        'platform.diagnostics.v1',
      ].sort(),
    );
    expect(s.value('metrics_collect_errors_total')).toBe(0);
  }, 60000);

  it('times event-store appends in a histogram by operation and outcome', async () => {
    const s = await scrape(reservations.url);
    // Outcomes and ledger decisions go through the group committer: multi-stream appends.
    const count = s.value('event_store_append_duration_seconds_count', {
      operation: 'append_multi',
      outcome: 'ok',
    });
    expect(count).toBeGreaterThan(0);
    const inf = s.value('event_store_append_duration_seconds_bucket', {
      operation: 'append_multi',
      outcome: 'ok',
      le: '+Inf',
    });
    expect(inf).toBe(count);
    expect(
      s.value('event_store_append_duration_seconds_sum', {
        operation: 'append_multi',
        outcome: 'ok',
      }),
    ).toBeGreaterThan(0);
  });

  it('exposes every metric the alert rules use', async () => {
    const s = await scrape(reservations.url);
    expect(ruleProblems(rulesOf(renderOverlay('prod')), s.exposed)).toEqual([]);
  });

  it('reports readiness per dependency, and not ready while Redis is down', async () => {
    const own = await privateInfraEnv(`omr${run}`);
    const redis = new PrivateRedis(await freePort());
    await redis.start();
    let redisUp = true;
    const service = await startService('reservations', { ...own.env, REDIS_URL: redis.url });
    try {
      await service.waitReady();
      let s = await scrape(service.url);
      expect(s.value('service_ready')).toBe(1);
      for (const dependency of ['postgres', 'redis', 'kafka', 'kafkaConsumer'])
        expect(s.value('service_dependency_up', { dependency })).toBe(1);

      await redis.stop();
      redisUp = false;
      s = await scrape(service.url);
      expect(s.value('service_ready')).toBe(0);
      expect(s.value('service_dependency_up', { dependency: 'redis' })).toBe(0);
      expect(s.value('service_dependency_up', { dependency: 'postgres' })).toBe(1);

      await redis.start();
      redisUp = true;
      await waitFor(async () => (await scrape(service.url)).value('service_ready') === 1, {
        what: 'ready again once Redis is back',
        timeoutMs: 30000,
      });
    } finally {
      await service.stop('SIGKILL');
      // PrivateRedis.stop() waits for an exit that already happened if called twice.
      if (redisUp) await redis.stop();
      await own.drop();
    }
  }, 120000);
});
