/** The infrastructure settings the jest globalSetup prepared for this run. */
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
  };
}
