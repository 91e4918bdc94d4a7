import { Client } from 'pg';
import { testAuthEnv } from './credentials';

/**
 * The settings the jest globalSetup prepared for this run: infrastructure, and the run's API key
 * (services and their CLIs, which validate the same configuration, need a credential source).
 */
export function testInfraEnv(): Record<string, string> {
  const need = (name: string): string => {
    const v = process.env[name];
    if (v === undefined)
      throw new Error(`${name} is not set; run tests through "npm test" (scripts/test.sh)`);
    return v;
  };
  return {
    KAFKA_BROKERS: need('KAFKA_BROKERS'),
    KAFKA_TOPIC_PREFIX: need('KAFKA_TOPIC_PREFIX'),
    DATABASE_URL: need('DATABASE_URL'),
    REDIS_URL: need('REDIS_URL'),
    REDIS_KEY_PREFIX: need('REDIS_KEY_PREFIX'),
    ...testAuthEnv(),
  };
}

/**
 * A database and Redis prefix of a suite's own, for suites whose services must not share state
 * with the others of the run (rebuilds that empty tables, a default stock of their own).
 * `drop()` removes the database.
 */
export async function privateInfraEnv(
  name: string,
): Promise<{ env: Record<string, string>; drop: () => Promise<void> }> {
  const base = testInfraEnv();
  const url = new URL(base.DATABASE_URL);
  const database = `${url.pathname.slice(1)}_${name}`;
  const admin = async (sql: string) => {
    const client = new Client({ connectionString: base.DATABASE_URL });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE "${database}"`);
  url.pathname = `/${database}`;
  return {
    env: {
      ...base,
      DATABASE_URL: url.toString(),
      REDIS_KEY_PREFIX: `${base.REDIS_KEY_PREFIX}${name}:`,
      KAFKA_TOPIC_PREFIX: `${base.KAFKA_TOPIC_PREFIX}${name}.`,
    },
    drop: () => admin(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`),
  };
}
