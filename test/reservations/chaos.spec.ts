import { randomBytes } from 'crypto';
import { privateInfraEnv, waitFor } from '@inventory/testing';
import { ReservationsSuite } from './suite';

/**
 * The stress run again with faults: every Kafka message delivered twice, every HTTP checkout
 * sent twice (to both replicas), and one replica killed with SIGKILL mid-run and restarted.
 * The outcome must be identical: 100 reserved, 900 rejected, one outcome event per order.
 * Publication is at least once: if the kill lands between Kafka's acknowledgement of a relay
 * page and the relay's checkpoint, the next leader sends that page again, so an outcome may
 * arrive twice — as the same event (same event id, same content), never as a second outcome.
 */
describe('reservations: duplicates and a killed replica change nothing', () => {
  const run = randomBytes(3).toString('hex');
  const channel = `chaos-${run}`;
  const hot = `HOT-${run}`;
  let suite: ReservationsSuite;
  let drop: () => Promise<void>;
  let stockId: number;

  beforeAll(async () => {
    const infra = await privateInfraEnv(`rc${run}`);
    drop = infra.drop;
    // A killed replica's partitions move to the other one after this long.
    suite = new ReservationsSuite({ ...infra.env, KAFKA_SESSION_TIMEOUT_MS: '6000' });
    await suite.start(2);
    stockId = await suite.seed(run, channel, { [hot]: 100 });
  }, 180000);

  afterAll(async () => {
    await suite?.stop();
    await drop?.();
  }, 60000);

  /** A checkout that retries on the other replica while one is down, as a storefront would. */
  async function checkout(order: { id: string }, first: number): Promise<number> {
    for (let attempt = 0; ; attempt++) {
      const replica = suite.replicas[(first + attempt) % suite.replicas.length];
      try {
        const res = await suite.checkout(replica.url, order);
        if (res.status === 201 || res.status === 409) return res.status;
      } catch {
        // Connection refused or reset: the replica is down.
      }
      if (attempt > 200) throw new Error(`checkout of ${order.id} kept failing`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it('1,000 orders, doubled deliveries, a replica killed and restarted: 100 reserved', async () => {
    const orders = Array.from({ length: 1000 }, (_, i) => ({
      id: `chaos-${run}-${i}`,
      increment_id: String(i),
      sales_channel: { type: 'website', code: channel },
      items: [{ sku: hot, qty: 1 }],
    }));
    const viaKafka = orders.filter((_, i) => i % 2 === 0);
    const viaHttp = orders.filter((_, i) => i % 2 === 1);
    const ids = new Set(orders.map((o) => o.id));
    const seen = () =>
      new Set(suite.outcomes.map((o) => o.data.order_id).filter((id) => ids.has(id)));

    const samples: number[] = [];
    let finished = false;
    const sampler = (async () => {
      while (!finished) samples.push(await suite.salable(hot, stockId));
    })();

    const kafka = suite.publishOrders(viaKafka, 2);
    const http = Promise.all(
      viaHttp.flatMap((o, i) => [checkout(o, i % 2), checkout(o, (i + 1) % 2)]),
    );
    // Kill replica 1 once some outcomes are out, then bring it back on the same port.
    await waitFor(() => (seen().size >= 150 ? true : undefined), {
      what: '150 outcomes before the kill',
      timeoutMs: 60000,
      intervalMs: 10,
    });
    const victim = suite.replicas[1];
    await victim.stop('SIGKILL');
    await new Promise((r) => setTimeout(r, 1000));
    suite.replicas[1] = await suite.startReplica(victim.port);

    await Promise.all([kafka, http]);
    await waitFor(() => (seen().size === 1000 ? true : undefined), {
      what: 'an outcome for every order',
      timeoutMs: 120000,
      intervalMs: 200,
    });
    // Let late duplicates arrive before counting.
    await new Promise((r) => setTimeout(r, 2000));
    finished = true;
    await sampler;

    const events = new Map<string, Map<string, string>>();
    const types = new Map<string, string>();
    for (const o of suite.outcomes) {
      if (!ids.has(o.data.order_id)) continue;
      const copies = events.get(o.data.order_id) ?? new Map<string, string>();
      const content = JSON.stringify([o.type, o.data]);
      // A copy of an outcome is the same event with the same content.
      expect(copies.get(o.eventId) ?? content).toBe(content);
      copies.set(o.eventId, content);
      events.set(o.data.order_id, copies);
      types.set(o.data.order_id, o.type);
    }
    expect(suite.outcomes.every((o) => o.eventId !== '')).toBe(true);
    // One outcome event per order, whatever was redelivered or re-sent.
    expect([...events.entries()].filter(([, copies]) => copies.size !== 1)).toEqual([]);
    const reserved = [...types.values()].filter((t) => t === 'order_inventory_reserved');
    expect(reserved).toHaveLength(100);
    expect(types.size - reserved.length).toBe(900);
    expect(Math.min(...samples)).toBeGreaterThanOrEqual(0);
    expect(await suite.salable(hot, stockId)).toBe(0);
    // The HTTP answers (both copies of each) agree with the published outcomes.
    const statuses = await http;
    viaHttp.forEach((o, i) => {
      const expected = types.get(o.id) === 'order_inventory_reserved' ? 201 : 409;
      expect([statuses[2 * i], statuses[2 * i + 1]]).toEqual([expected, expected]);
    });
  }, 240000);
});
