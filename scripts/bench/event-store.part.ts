import { randomUUID } from 'crypto';
import { loadavg } from 'os';
import Redis from 'ioredis';
import { Pool } from 'pg';
import { PostgresEventStore, logPoolErrors, runEventStoreBench } from '@inventory/event-store';
import { runReplayBench, seedReplayEvents } from '@inventory/read-models';
import { PartResult, machine } from './report';
import { figure, repeat } from './stats';

export interface BenchEnv {
  databaseUrl: string;
  redisUrl: string;
  quick: boolean;
}

/** Event-store append and read-all throughput, and replay of the store into a Redis projection. */
export async function eventStorePart(env: BenchEnv, log: (s: string) => void): Promise<PartResult> {
  const before = loadavg();
  const runs = env.quick ? 3 : 5;
  const es = await repeat(runs, async (i) => {
    const r = await runEventStoreBench({
      connectionString: env.databaseUrl,
      writers: 8,
      singleAppends: env.quick ? 2000 : 20000,
      batches: env.quick ? 40 : 400,
      batchSize: 100,
      multiStreamCalls: env.quick ? 10 : 50,
    });
    log(
      `event store run ${i + 1}/${runs}: ${Math.round(r.singleAppendsPerSecond)} appends/s, ${Math.round(r.readAllEventsPerSecond)} read ev/s`,
    );
    return r;
  });

  const replayEvents = env.quick ? 30_000 : 1_000_000;
  const schema = `replay_bench_${randomUUID().slice(0, 8)}`;
  const pool = logPoolErrors(new Pool({ connectionString: env.databaseUrl, max: 6 }));
  const store = new PostgresEventStore({ pool, schema });
  const redis = new Redis(env.redisUrl);
  const keyPrefix = `bench:${randomUUID().slice(0, 8)}:`;
  let replay: Array<{ eventsPerSecond: number; events: number }> = [];
  try {
    await store.migrate();
    log(`seeding ${replayEvents.toLocaleString('en-US')} events for the replay benchmark`);
    await seedReplayEvents(store, replayEvents);
    // As autovacuum would soon: without statistics the planner sorts the whole category per page.
    await pool.query(`ANALYZE ${store.tables.events}`);
    replay = await repeat(3, async (i) => {
      const r = await runReplayBench(store, redis, keyPrefix);
      log(`replay run ${i + 1}/3: ${r.events} events, ${Math.round(r.eventsPerSecond)} ev/s`);
      return r;
    });
  } finally {
    for await (const keys of redis.scanStream({ match: `${keyPrefix}*`, count: 1000 })) {
      if ((keys as string[]).length) await redis.unlink(...(keys as string[]));
    }
    redis.disconnect();
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pool.end();
  }

  return {
    part: 'event-store',
    title: 'Event store (PostgreSQL) and projection replay',
    measuredAt: new Date().toISOString(),
    machine: machine(before),
    quick: env.quick,
    figures: [
      figure(
        'single-event appends, 8 concurrent writers',
        'appends/s',
        es.map((r) => r.singleAppendsPerSecond),
        { op: '>=', value: 5000 },
      ),
      figure(
        'batch appends (100 events each), 8 writers',
        'batches/s',
        es.map((r) => r.batchAppendsPerSecond),
      ),
      figure(
        'events appended in batches of 100',
        'events/s',
        es.map((r) => r.batchEventsPerSecond),
      ),
      figure(
        'read-all (pages of 1,000)',
        'events/s',
        es.map((r) => r.readAllEventsPerSecond),
      ),
      figure(
        'multi-stream appends (1,000 streams × 1 event per call, 4 callers)',
        'events/s',
        es.map((r) => r.multiStreamEventsPerSecond),
      ),
      figure(
        `replay of ${replayEvents.toLocaleString('en-US')} events into a Redis projection`,
        'events/s',
        replay.map((r) => r.eventsPerSecond),
        { op: '>=', value: 50000 },
      ),
    ],
    notes: [
      'Appends: each writer appends to its own streams with exact expected versions (as command handlers do); one round trip per append.',
      'Replay: ProjectionRunner.rebuild() — drop keys, readAll in pages of 5,000 (the next page read while the current one is applied), one Lua script per page applying every write and the checkpoint; the table is ANALYZEd after seeding, as autovacuum would.',
    ],
  };
}
