import { ChildProcess, spawn } from 'child_process';
import { randomUUID } from 'crypto';
import { join } from 'path';
import Redis from 'ioredis';
import { IsString } from 'class-validator';
import { KafkaMessage } from 'kafkajs';
import { Pool } from 'pg';
import { dlqTopicName } from '@inventory/contracts';
import { PostgresEventStore, WrongExpectedVersionError } from '@inventory/event-store';
import {
  InboundMessage,
  KAFKA_HANDLER_EXTRAS,
  KafkaConsumerServer,
  RELAY_HEADERS,
  createKafka,
  ensureTopics,
} from '@inventory/messaging';
import { waitFor } from '@inventory/testing';

class ItemEvent {
  @IsString()
  note!: string;
}

const ROOT = join(__dirname, '..', '..');
const STREAMS = 50;
const EVENTS = 5000;
const BATCH = 50;

/**
 * The outbox relay is SIGKILLed again and again while 5,000 events are appended. Afterwards every
 * event must be in Kafka in per-stream order, duplicates may only come from re-sending a batch
 * whose checkpoint was not saved, and an idempotent consumer must apply each event exactly once.
 */
describe('outbox relay under repeated SIGKILL', () => {
  const id = randomUUID().slice(0, 8);
  const schema = `relay_fault_${id}`;
  const prefix = `${process.env.KAFKA_TOPIC_PREFIX}relayfault-${id}.`;
  const topic = 'test.items.v1';
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 8 });
  const store = new PostgresEventStore({ pool, schema });
  const kafka = createKafka({
    brokers: process.env.KAFKA_BROKERS!.split(','),
    clientId: 'relay-fault',
  });
  const redis = new Redis(process.env.REDIS_URL!);
  const rkey = (k: string) => `${process.env.REDIS_KEY_PREFIX}relayfault:${id}:${k}`;
  let relay: ChildProcess | undefined;
  let kills = 0;

  function startRelay(): ChildProcess {
    return spawn(process.execPath, [join(ROOT, 'dist/libs/messaging/src/relay/relay-cli.js')], {
      env: {
        PATH: process.env.PATH,
        DATABASE_URL: process.env.DATABASE_URL,
        KAFKA_BROKERS: process.env.KAFKA_BROKERS,
        KAFKA_TOPIC_PREFIX: prefix,
        RELAY_NAME: 'fault-test',
        RELAY_ROUTES: `item=${topic}`,
        RELAY_BATCH_SIZE: String(BATCH),
        EVENT_STORE_SCHEMA: schema,
        LOG_LEVEL: 'warn',
      },
      stdio: 'ignore',
    });
  }

  async function killRelay(): Promise<void> {
    const child = relay;
    relay = undefined;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
    kills++;
  }

  async function appendAll(): Promise<void> {
    const versions = new Array<number>(STREAMS).fill(-1);
    let appended = 0;
    const worker = async (w: number): Promise<void> => {
      for (let n = 0; appended < EVENTS; n++) {
        const s = (w + n * 4) % STREAMS;
        const count = Math.min(1 + (n % 5), EVENTS - appended);
        if (count <= 0) return;
        appended += count;
        const events = Array.from({ length: count }, (_, i) => ({
          eventId: randomUUID(),
          type: 'item_noted',
          data: { note: `s${s}-v${versions[s] + 1 + i}` },
        }));
        // Paced so that appending lasts several seconds and the relay is killed many times mid-way.
        await new Promise((r) => setTimeout(r, 15));
        try {
          const r = await store.appendToStream(
            `item-${s}`,
            events,
            versions[s] < 0 ? 'no_stream' : versions[s],
          );
          versions[s] = r.nextExpectedVersion;
        } catch (err) {
          if (!(err instanceof WrongExpectedVersionError)) throw err;
          appended -= count;
          versions[s] = err.actualVersion;
        }
      }
    };
    await Promise.all([0, 1, 2, 3].map(worker));
  }

  beforeAll(async () => {
    await store.migrate();
    const admin = kafka.admin();
    await admin.connect();
    const spec = { name: topic, partitions: 6, key: 'stream', description: 'fault test' };
    await ensureTopics(admin, prefix, [spec, { ...spec, name: dlqTopicName(topic) }]);
    await admin.disconnect();
  });

  afterAll(async () => {
    await killRelay();
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pool.end();
    redis.disconnect();
  });

  it('publishes every committed event, in stream order, and the consumer applies each once', async () => {
    let appending = true;
    const appendDone = appendAll().finally(() => (appending = false));
    while (appending) {
      relay = startRelay();
      await new Promise((r) => setTimeout(r, 150 + Math.random() * 450));
      await killRelay();
    }
    await appendDone;
    relay = startRelay(); // the last one is left to finish
    const { events: all } = await readEverything(store);
    expect(all).toHaveLength(EVENTS);
    const head = all[all.length - 1].checkpoint;
    await waitFor(
      async () => {
        const { rows } = await pool.query(
          'SELECT checkpoint FROM relay_checkpoints WHERE relay_name = $1',
          ['fault-test'],
        );
        return rows[0]?.checkpoint === head;
      },
      { what: 'the relay to publish up to the last event', timeoutMs: 60000, intervalMs: 200 },
    );
    expect(kills).toBeGreaterThanOrEqual(8);

    const messages = await readTopic(kafka, prefix + topic, (m) => m.length >= EVENTS);
    const firstSeen = new Map<string, KafkaMessage>();
    const perStream = new Map<string, number[]>();
    const maxCheckpoint = new Map<number, string>();
    for (const { partition, message } of messages) {
      const eventId = message.headers!['event-id']!.toString();
      const cp = message.headers![RELAY_HEADERS.checkpoint]!.toString();
      // Within a partition checkpoints only go back when a batch is re-sent after a kill, and
      // then every message of the re-send must be one that was already delivered.
      if (cp <= (maxCheckpoint.get(partition) ?? '')) {
        expect(firstSeen.has(eventId)).toBe(true);
        continue;
      }
      maxCheckpoint.set(partition, cp);
      if (firstSeen.has(eventId)) continue;
      firstSeen.set(eventId, message);
      const stream = message.headers![RELAY_HEADERS.streamName]!.toString();
      const versions = perStream.get(stream) ?? [];
      versions.push(Number(message.headers![RELAY_HEADERS.streamVersion]!.toString()));
      perStream.set(stream, versions);
    }
    expect(new Set(firstSeen.keys())).toEqual(new Set(all.map((e) => e.eventId)));
    for (const [stream, versions] of perStream) {
      expect({ stream, versions }).toEqual({ stream, versions: versions.map((_, i) => i) });
    }
    const duplicates = messages.length - EVENTS;
    console.log(
      `relay fault test: ${kills} kills, ${duplicates} duplicate deliveries of ${EVENTS} events`,
    );
    // At most two batches per kill can be re-sent: the one being sent, and the one before it
    // whose checkpoint was being stored meanwhile.
    expect(duplicates).toBeLessThanOrEqual(kills * 2 * BATCH);

    // The consumer side: idempotent on event id, effects written atomically with the marker.
    const applied = await consumeIdempotently(kafka, prefix, topic, redis, rkey);
    expect(applied).toBe(EVENTS);
    expect(Number(await redis.get(rkey('applied')))).toBe(EVENTS);
    expect(await redis.scard(rkey('seen'))).toBe(EVENTS);
  }, 240000);
});

async function readEverything(store: PostgresEventStore) {
  const events = [];
  let cp: string | null = null;
  for (;;) {
    const page = await store.readAll(cp, 1000, { categories: ['item'] });
    if (page.events.length === 0) break;
    events.push(...page.events);
    cp = page.checkpoint;
  }
  return { events };
}

async function readTopic(
  kafka: ReturnType<typeof createKafka>,
  topic: string,
  enough: (m: Array<{ partition: number; message: KafkaMessage }>) => boolean,
) {
  const consumer = kafka.consumer({ groupId: `reader-${randomUUID()}` });
  const seen: Array<{ partition: number; message: KafkaMessage }> = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ partition, message }) => void seen.push({ partition, message }),
  });
  await waitFor(() => enough(seen), { what: 'the topic to be read', timeoutMs: 60000 });
  // Drain whatever else is already in the topic (duplicates) before stopping.
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(topic);
  await admin.disconnect();
  const total = ends.reduce((n, p) => n + Number(p.high), 0);
  await waitFor(() => seen.length >= total, { what: 'all messages', timeoutMs: 60000 });
  await consumer.disconnect();
  return seen;
}

const APPLY_ONCE = `
if redis.call('SADD', KEYS[1], ARGV[1]) == 1 then
  redis.call('INCR', KEYS[2])
  return 1
end
return 0`;

async function consumeIdempotently(
  kafka: ReturnType<typeof createKafka>,
  prefix: string,
  topic: string,
  redis: Redis,
  rkey: (k: string) => string,
): Promise<number> {
  const server = new KafkaConsumerServer({
    kafka,
    groupId: `${prefix}applier`,
    topicPrefix: prefix,
  });
  let handled = 0;
  server.addHandler(
    topic,
    (async (m: InboundMessage<ItemEvent>) => {
      await redis.eval(APPLY_ONCE, 2, rkey('seen'), rkey('applied'), m.eventId);
      handled++;
    }) as never,
    true,
    { [KAFKA_HANDLER_EXTRAS]: { types: { item_noted: ItemEvent } } },
  );
  await new Promise<void>((resolve, reject) =>
    server.listen((err?: unknown) => (err ? reject(err) : resolve())),
  );
  const admin = kafka.admin();
  await admin.connect();
  const total = (await admin.fetchTopicOffsets(prefix + topic)).reduce(
    (n, p) => n + Number(p.high),
    0,
  );
  await admin.disconnect();
  await waitFor(() => handled >= total, {
    what: 'the consumer to handle every message',
    timeoutMs: 60000,
  });
  await server.close();
  return Number(await redis.get(rkey('applied')));
}
