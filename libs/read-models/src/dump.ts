import Redis from 'ioredis';

/**
 * A canonical dump of every key matching a pattern: type and value, sorted, so two dumps of the
 * same data compare equal byte for byte. Used to prove a rebuild equals the live read model.
 */
export async function dumpKeys(
  redis: Redis,
  pattern: string,
): Promise<Array<[string, string, unknown]>> {
  const keys: string[] = [];
  for await (const batch of redis.scanStream({ match: pattern, count: 1000 }))
    keys.push(...(batch as string[]));
  keys.sort();
  const out: Array<[string, string, unknown]> = [];
  for (const key of keys) {
    const type = await redis.type(key);
    switch (type) {
      case 'string':
        out.push([key, type, await redis.get(key)]);
        break;
      case 'hash':
        out.push([key, type, Object.entries(await redis.hgetall(key)).sort()]);
        break;
      case 'set':
        out.push([key, type, (await redis.smembers(key)).sort()]);
        break;
      case 'zset':
        out.push([key, type, await redis.zrange(key, 0, -1, 'WITHSCORES')]);
        break;
      case 'list':
        out.push([key, type, await redis.lrange(key, 0, -1)]);
        break;
      default:
        out.push([key, type, null]);
    }
  }
  return out;
}
