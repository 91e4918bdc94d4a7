import { Client } from 'pg';
import Redis from 'ioredis';

/** Drops the run's database and Redis keys unless KEEP_TEST_DATA=1 (for post-mortems). */
export default async function globalTeardown(): Promise<void> {
  if (process.env.KEEP_TEST_DATA === '1') return;
  const database = process.env.TEST_CREATED_DATABASE;
  if (database) {
    const admin = new Client({
      connectionString:
        process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    } finally {
      await admin.end();
    }
    delete process.env.TEST_CREATED_DATABASE;
    delete process.env.DATABASE_URL;
  }
  const prefix = process.env.REDIS_KEY_PREFIX;
  if (prefix && process.env.REDIS_URL) {
    const redis = new Redis(process.env.REDIS_URL);
    try {
      for await (const keys of redis.scanStream({ match: `${prefix}*`, count: 1000 })) {
        if ((keys as string[]).length) await redis.unlink(...(keys as string[]));
      }
    } finally {
      redis.disconnect();
    }
  }
}
