import { randomBytes } from 'crypto';
import { Client } from 'pg';
import { generateApiKey } from '../../libs/auth/src/api-key';

/**
 * Gives every test run its own PostgreSQL database and Redis key prefix so that runs never see
 * each other's data. Values are exported through process.env, which Jest workers inherit.
 * Infrastructure itself (PostgreSQL, Redis, Kafka) is started by scripts/test.sh.
 */
export default async function globalSetup(): Promise<void> {
  const runId =
    process.env.TEST_RUN_ID ?? `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  process.env.TEST_RUN_ID = runId;
  // The run's API key (libs/testing testApiKey): services accept it, tests send it.
  process.env.TEST_API_KEY ??= generateApiKey();
  const adminUrl = process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const database = `inventory_test_${runId}`;
  if (!process.env.DATABASE_URL) {
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE "${database}"`);
    } finally {
      await admin.end();
    }
    const url = new URL(adminUrl);
    url.pathname = `/${database}`;
    process.env.DATABASE_URL = url.toString();
    process.env.TEST_CREATED_DATABASE = database;
  }
  process.env.REDIS_URL ??= 'redis://127.0.0.1:6379/0';
  process.env.REDIS_KEY_PREFIX ??= `test:${runId}:`;
  process.env.KAFKA_BROKERS ??= '127.0.0.1:19092';
  process.env.KAFKA_TOPIC_PREFIX ??= `t${runId}.`;
}
