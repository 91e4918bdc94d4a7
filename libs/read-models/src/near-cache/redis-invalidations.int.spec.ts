import Redis from 'ioredis';
import { PrivateRedis, freePort, waitFor } from '@inventory/testing';
import { NearCache } from './near-cache';
import { RedisInvalidations } from './redis-invalidations';

/** A private redis-server, so the test may flush it and kill it. */
describe('RedisInvalidations keep a NearCache exact on real Redis', () => {
  let server: PrivateRedis;
  let writer: Redis;
  let reader: Redis;
  let invalidations: RedisInvalidations;
  const cache = new NearCache<string | null>(100);
  const options = { maxRetriesPerRequest: 1, retryStrategy: () => 50 };

  const read = (key: string) => cache.get(key, [key], () => reader.get(key));

  beforeAll(async () => {
    server = new PrivateRedis(await freePort());
    await server.start();
    writer = new Redis(server.url, options);
    reader = new Redis(server.url, options);
    invalidations = new RedisInvalidations(
      new Redis(server.url, options),
      new Redis(server.url, options),
      ['nc:a:', 'nc:b:'],
      cache,
      (err) => console.error(err),
    );
    await invalidations.start();
  });

  afterAll(async () => {
    await invalidations.stop();
    writer.disconnect();
    reader.disconnect();
    await server.stop();
  });

  it('serves repeated reads from memory and sees every write under the tracked prefixes', async () => {
    expect(cache.enabled).toBe(true);
    await writer.set('nc:a:1', 'one');
    expect(await read('nc:a:1')).toBe('one');
    const misses = cache.stats().misses;
    expect(await read('nc:a:1')).toBe('one');
    expect(cache.stats().misses).toBe(misses);

    await writer.set('nc:a:1', 'two');
    await waitFor(async () => (await read('nc:a:1')) === 'two', { what: 'the new value' });
    await writer.del('nc:a:1');
    await waitFor(async () => (await read('nc:a:1')) === null, { what: 'the deletion' });
  });

  it('is not told about keys outside the prefixes (and does not keep them stale either)', async () => {
    await writer.set('nc:b:1', 'x');
    expect(await read('nc:b:1')).toBe('x');
    const before = cache.stats().invalidations;
    await writer.set('nc:c:1', 'y');
    await writer.set('nc:b:1', 'z');
    await waitFor(async () => (await read('nc:b:1')) === 'z', { what: 'the new value' });
    expect(cache.stats().invalidations).toBe(before + 1);
  });

  it('forgets everything on FLUSHDB', async () => {
    await writer.set('nc:a:2', 'kept');
    await read('nc:a:2');
    expect(cache.stats().size).toBeGreaterThan(0);
    await writer.flushdb();
    await waitFor(() => cache.stats().size === 0, { what: 'an empty cache' });
    expect(await read('nc:a:2')).toBeNull();
  });

  it('stops keeping values while Redis is gone and resumes exact after it is back', async () => {
    await writer.set('nc:a:3', 'before');
    await read('nc:a:3');
    await server.stop();
    await waitFor(() => !cache.enabled, { what: 'the cache disabled' });
    expect(cache.stats().size).toBe(0);
    // A restarted server is empty: a kept value would now be wrong.
    await server.start();
    await waitFor(() => cache.enabled, { what: 'the cache enabled again', timeoutMs: 15000 });
    expect(await read('nc:a:3')).toBeNull();
    await writer.set('nc:a:3', 'after');
    await waitFor(async () => (await read('nc:a:3')) === 'after', {
      what: 'the write after restart',
    });
  });
});
