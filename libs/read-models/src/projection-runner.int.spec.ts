import { randomUUID } from 'crypto';
import Redis from 'ioredis';
import { Pool } from 'pg';
import { PostgresEventStore, RecordedEvent } from '@inventory/event-store';
import { PrivateRedis, freePort, waitFor } from '@inventory/testing';
import { PassThrough } from 'stream';
import { dumpKeys } from './dump';
import { rebuildWithProgress } from './rebuild-cli';
import { Projection, ProjectionKeys } from './projection';
import { ProjectionRunner } from './projection-runner';
import { RedisWrite } from './redis-ops';

interface Counted {
  sku: string;
  qty: string;
}

/** Quantity per SKU, the set of SKUs, and the last event per stream: three key shapes. */
const counts: Projection = {
  name: 'counts',
  categories: ['counted'],
  project(event: RecordedEvent, keys: ProjectionKeys): RedisWrite[] {
    const { sku, qty } = event.data as Counted;
    return [
      { op: 'HINCRBYFLOAT', key: keys.key('qty'), args: [sku, qty] },
      { op: 'SADD', key: keys.key('skus'), args: [sku] },
      { op: 'SET', key: keys.key('last', event.streamName), args: [event.eventId] },
    ];
  },
};

describe('ProjectionRunner on real PostgreSQL and Redis', () => {
  const schema = `proj_${randomUUID().slice(0, 8)}`;
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 6 });
  const store = new PostgresEventStore({ pool, schema });
  let privateRedis: PrivateRedis;
  let redis: Redis;
  let redis2: Redis;
  const prefix = 'rm-test:';

  async function appendMany(n: number): Promise<void> {
    for (let i = 0; i < n; i += 10) {
      const stream = `counted-${i % 17}`;
      const current = (await store.readStream(stream)).length - 1;
      await store.appendToStream(
        stream,
        Array.from({ length: 10 }, (_, j) => ({
          eventId: randomUUID(),
          type: 'counted',
          data: { sku: `SKU-${(i + j) % 23}`, qty: ((i + j) % 7 === 0 ? -1.25 : 2.5).toString() },
        })),
        current < 0 ? 'no_stream' : current,
      );
    }
  }

  /**
   * The checkpoint after the `expected` events appended so far. readAll stops before any
   * transaction still open in the cluster (another suite's, in a parallel worker), so it is
   * read again until it has seen them all.
   */
  async function head(expected: number): Promise<string> {
    let cp: string | null = null;
    let seen = 0;
    for (let tries = 0; ;) {
      const page: { events: RecordedEvent[]; checkpoint: string | null } = await store.readAll(
        cp,
        1000,
      );
      if (page.events.length > 0) {
        seen += page.events.length;
        cp = page.checkpoint;
        continue;
      }
      if (seen >= expected) return cp!;
      if (++tries > 400) throw new Error(`readAll reached ${seen} of ${expected} events`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  beforeAll(async () => {
    privateRedis = new PrivateRedis(await freePort());
    await privateRedis.start();
    redis = new Redis(privateRedis.url);
    redis2 = new Redis(privateRedis.url);
    await store.migrate();
  });

  afterAll(async () => {
    redis?.disconnect();
    redis2?.disconnect();
    await privateRedis?.stop();
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pool.end();
  });

  it('follows live appends, and a rebuild after FLUSHDB gives the same keys and values', async () => {
    const runner = new ProjectionRunner({
      projection: counts,
      store,
      redis,
      keyPrefix: prefix,
      batchSize: 100,
    });
    runner.start();
    await appendMany(1000);
    const last = await head(1000);
    await runner.waitFor(last);
    await runner.stop();
    const live = await dumpKeys(redis, '*');
    expect(live.length).toBe(1 + 1 + 17 + 1); // qty hash, sku set, a last-event key per stream, checkpoint
    expect(await runner.storedCheckpoint()).toBe(last);

    await redis.flushdb();
    const out = new PassThrough();
    let printed = '';
    out.on('data', (d) => (printed += d));
    const runner2 = new ProjectionRunner({ projection: counts, store, redis, keyPrefix: prefix });
    const rebuilt = await rebuildWithProgress(runner2, 1000, out as unknown as NodeJS.WriteStream);
    expect(rebuilt.events).toBe(1000);
    expect(printed).toContain('rebuilt counts: 1000 events');
    expect(await dumpKeys(redis, '*')).toEqual(live);
  }, 60000);

  it('a running runner that finds its stored checkpoint gone (Redis lost its data) replays from the start', async () => {
    const category = `lost${randomUUID().replace(/-/g, '').slice(0, 8)}`;
    const lost: Projection = { ...counts, name: 'lost', categories: [category] };
    const append = async (i: number): Promise<void> => {
      await store.appendToStream(
        `${category}-${i}`,
        [{ eventId: randomUUID(), type: 'counted', data: { sku: `L${i % 3}`, qty: '1' } }],
        'no_stream',
      );
    };
    const runner = new ProjectionRunner({ projection: lost, store, redis, keyPrefix: 'lost:' });
    runner.start();
    try {
      for (let i = 0; i < 6; i++) await append(i);
      runner.notify();
      await waitFor(
        async () => (await runner.lag()).events === 0 && (await runner.storedCheckpoint()) !== null,
        {
          what: 'the first six events applied',
          timeoutMs: 20000,
        },
      );
      const before = await dumpKeys(redis, 'lost:*');
      await redis.flushdb();
      await append(6);
      runner.notify();
      await waitFor(
        async () => (await runner.lag()).events === 0 && (await runner.storedCheckpoint()) !== null,
        {
          what: 'all seven events applied again',
          timeoutMs: 20000,
        },
      );
      const qty = await redis.hgetall(runner.keys.key('qty'));
      expect(qty).toEqual({ L0: '3', L1: '2', L2: '2' });
      expect((await dumpKeys(redis, 'lost:*')).length).toBe(before.length + 1);
    } finally {
      await runner.stop();
    }
  }, 60000);

  it('reads past the events of categories it reads only to share reads, storing their checkpoints', async () => {
    const other = `other${randomUUID().replace(/-/g, '').slice(0, 8)}`;
    const widened = new ProjectionRunner({
      projection: counts,
      store,
      redis,
      keyPrefix: 'wide:',
      readCategories: ['counted', other],
    });
    const plain = new ProjectionRunner({ projection: counts, store, redis, keyPrefix: 'plain:' });
    await appendMany(10);
    // Not a counted event: projecting it would fail on its data.
    const last = await store.appendToStream(
      `${other}-1`,
      [{ eventId: randomUUID(), type: 'unrelated', data: { not: 'counted' } }],
      'no_stream',
    );
    if (last.status !== 'appended') throw new Error('expected an append');
    await waitFor(
      async () => {
        await widened.catchUp();
        return (await widened.storedCheckpoint())! >= last.checkpoint;
      },
      { what: 'the widened runner past the other event', timeoutMs: 20000 },
    );
    await plain.catchUp();
    const strip = (dump: Awaited<ReturnType<typeof dumpKeys>>, p: string) =>
      dump
        .filter(([k]) => !k.includes('rm-checkpoint:'))
        .map(([k, t, v]) => [k.slice(p.length), t, v]);
    expect(strip(await dumpKeys(redis, 'wide:*'), 'wide:')).toEqual(
      strip(await dumpKeys(redis, 'plain:*'), 'plain:'),
    );
    expect(
      () =>
        new ProjectionRunner({
          projection: counts,
          store,
          redis,
          keyPrefix: 'x:',
          readCategories: [other],
        }),
    ).toThrow('readCategories must include every category');
  }, 60000);

  it('applies each event once even when two replicas run the same projection', async () => {
    const a = new ProjectionRunner({
      projection: counts,
      store,
      redis,
      keyPrefix: 'twice:',
      batchSize: 37,
    });
    const b = new ProjectionRunner({
      projection: counts,
      store,
      redis: redis2,
      keyPrefix: 'twice:',
      batchSize: 53,
    });
    await Promise.all([a.catchUp(), b.catchUp(), a.catchUp()]);
    const single = new ProjectionRunner({ projection: counts, store, redis, keyPrefix: 'once:' });
    await single.catchUp();
    const strip = (dump: Awaited<ReturnType<typeof dumpKeys>>, p: string) =>
      dump.map(([k, t, v]) => [k.slice(p.length), t, v]);
    expect(strip(await dumpKeys(redis, 'twice:*'), 'twice:')).toEqual(
      strip(await dumpKeys(redis, 'once:*'), 'once:'),
    );
  }, 60000);

  it('reports its lag: events after its stored checkpoint and their age, 0 once applied', async () => {
    const category = `lagged${randomUUID().replace(/-/g, '').slice(0, 8)}`;
    const lagged: Projection = { ...counts, name: 'lagged', categories: [category] };
    const runner = new ProjectionRunner({ projection: lagged, store, redis, keyPrefix: 'lag:' });
    expect(await runner.lag()).toEqual({ events: 0, oldestAgeSeconds: 0 });
    for (let i = 0; i < 3; i++) {
      await store.appendToStream(
        `${category}-${i}`,
        [{ eventId: randomUUID(), type: 'counted', data: { sku: 'L', qty: '1' } }],
        'no_stream',
      );
    }
    const behind = await runner.lag();
    expect(behind.events).toBe(3);
    expect(behind.oldestAgeSeconds).toBeGreaterThanOrEqual(0);
    expect(behind.oldestAgeSeconds).toBeLessThan(60);
    // catchUp stops below the oldest transaction still open anywhere in the cluster (readAll's
    // guarantee), so on a busy shared database one pass may apply none of the three yet.
    const caughtUp = await waitFor(
      async () => {
        await runner.catchUp();
        const lag = await runner.lag();
        return lag.events === 0 ? lag : undefined;
      },
      { what: 'the runner to apply the three events', timeoutMs: 20000 },
    );
    expect(caughtUp).toEqual({ events: 0, oldestAgeSeconds: 0 });
  });
});
