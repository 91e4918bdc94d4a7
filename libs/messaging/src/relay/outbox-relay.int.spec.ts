import { randomUUID } from 'crypto';
import { Pool } from 'pg';
import { TopicSpec } from '@inventory/contracts';
import { PostgresEventStore } from '@inventory/event-store';
import { waitFor } from '@inventory/testing';
import { createKafka } from '../kafka-factory';
import { ensureTopics } from '../topic-provisioner';
import { OutboxRelay } from './outbox-relay';
import { RelayCheckpointStore } from './relay-checkpoints';

const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:19092').split(',');

describe('OutboxRelay lag on real PostgreSQL and Kafka', () => {
  const id = randomUUID().replace(/-/g, '').slice(0, 8);
  const schema = `relay_lag_${id}`;
  const category = `lagitem${id}`;
  const prefix = `${process.env.KAFKA_TOPIC_PREFIX}relaylag-${id}.`;
  const spec: TopicSpec = { name: 'test.lag.v1', partitions: 1, key: 'id', description: 'test' };
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 6 });
  const store = new PostgresEventStore({ pool, schema });
  const kafka = createKafka({ brokers, clientId: 'relay-lag-int' });
  const admin = kafka.admin();
  const name = `lag-test-${id}`;
  const relay = new OutboxRelay({
    name,
    store,
    pool,
    kafka,
    topicPrefix: prefix,
    routes: [{ category, topic: spec.name }],
  });

  beforeAll(async () => {
    await store.migrate();
    await admin.connect();
    await ensureTopics(admin, prefix, [spec]);
  });

  afterAll(async () => {
    await relay.stop();
    await admin.disconnect();
    await pool.query('DELETE FROM relay_checkpoints WHERE relay_name = $1', [name]);
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pool.end();
  });

  it('counts what is committed but unpublished, whoever leads, and drops to 0 after publishing', async () => {
    // Another replica holds the relay's leadership, so this one publishes nothing yet.
    const other = await pool.connect();
    await other.query("SELECT pg_advisory_lock(hashtext('relay:' || $1))", [name]);
    await relay.start();
    try {
      for (let i = 0; i < 5; i++) {
        await store.appendToStream(
          `${category}-${i}`,
          [{ eventId: randomUUID(), type: 'item_added', data: { i } }],
          'no_stream',
        );
      }
      await store.appendToStream(
        `unrelated${id}-x`,
        [{ eventId: randomUUID(), type: 'other', data: {} }],
        'no_stream',
      );
      const behind = await relay.lag();
      expect(behind.events).toBe(5);
      expect(behind.oldestAgeSeconds).toBeGreaterThanOrEqual(0);
    } finally {
      await other.query("SELECT pg_advisory_unlock(hashtext('relay:' || $1))", [name]);
      other.release();
    }
    const idle = new Promise<void>((resolve) => relay.once('idle', () => resolve()));
    relay.notify();
    await idle;
    await waitFor(async () => (await relay.lag()).events === 0, {
      what: 'relay lag 0 after publishing',
      timeoutMs: 10000,
    });
    expect(await relay.lag()).toEqual({ events: 0, oldestAgeSeconds: 0 });
  }, 60000);

  it('survives losing its leader connection: it steps down, leads again and goes on', async () => {
    // The relay leads (previous test). Cut its session as a database restart would.
    const deposed = new Promise<unknown>((resolve) => relay.once('deposed', resolve));
    const leading = new Promise<void>((resolve) =>
      relay.on('leading', function onLeading() {
        relay.off('leading', onLeading);
        resolve();
      }),
    );
    const { rows } = await pool.query<{ terminated: boolean }>(
      `SELECT pg_terminate_backend(l.pid) AS terminated
       FROM pg_locks l, (SELECT hashtext('relay:' || $1)::bigint AS k) key
       WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
         AND l.classid = ((key.k >> 32) & 4294967295)::oid
         AND l.objid = (key.k & 4294967295)::oid`,
      [name],
    );
    expect(rows).toEqual([{ terminated: true }]);
    await deposed;
    await leading;
    await store.appendToStream(
      `${category}-after`,
      [{ eventId: randomUUID(), type: 'item_added', data: {} }],
      'no_stream',
    );
    relay.notify();
    await waitFor(async () => (await relay.lag()).events === 0, {
      what: 'the new event published by the relay leading again',
      timeoutMs: 10000,
    });
  }, 30000);

  it('stores its checkpoint at most every checkpointEveryMs, busy or idle, and the last one once due', async () => {
    const busyCategory = `throttle${id}`;
    const busyName = `throttle-test-${id}`;
    for (let i = 0; i < 5; i++) {
      await store.appendToStream(
        `${busyCategory}-${i}`,
        [{ eventId: randomUUID(), type: 'item_added', data: { i } }],
        'no_stream',
      );
    }
    const everyMs = 1500;
    const saved: Array<{ checkpoint: string; at: number }> = [];
    const save = RelayCheckpointStore.prototype.save;
    const saves = jest.spyOn(RelayCheckpointStore.prototype, 'save').mockImplementation(function (
      this: RelayCheckpointStore,
      name: string,
      checkpoint: string,
    ) {
      if (name === busyName) saved.push({ checkpoint, at: Date.now() });
      return save.call(this, name, checkpoint);
    });
    const busy = new OutboxRelay({
      name: busyName,
      store,
      pool,
      kafka,
      topicPrefix: prefix,
      routes: [{ category: busyCategory, topic: spec.name }],
      batchSize: 1,
      checkpointEveryMs: everyMs,
    });
    const published: string[] = [];
    busy.on('published', (_count: number, checkpoint: string) => published.push(checkpoint));
    const idle = new Promise<void>((resolve) => busy.once('idle', () => resolve()));
    try {
      await busy.start();
      await idle;
      expect(published).toHaveLength(5);
      // The first batch's checkpoint at once, the last one once checkpointEveryMs has passed
      // (not when the relay went idle), and never two stores closer together than that.
      expect(saved[0].checkpoint).toBe(published[0]);
      await waitFor(async () => saved.at(-1)?.checkpoint === published[4], {
        what: 'the last checkpoint stored',
        timeoutMs: 10000,
      });
      expect(saved.length).toBeLessThan(5);
      for (let i = 1; i < saved.length; i++)
        expect(saved[i].at - saved[i - 1].at).toBeGreaterThanOrEqual(everyMs - 20);
      await waitFor(
        async () => (await new RelayCheckpointStore(pool).load(busyName)) === published[4],
        { what: 'the stored checkpoint', timeoutMs: 5000 },
      );
    } finally {
      saves.mockRestore();
      await busy.stop();
      await pool.query('DELETE FROM relay_checkpoints WHERE relay_name = $1', [busyName]);
    }
  }, 30000);
});
