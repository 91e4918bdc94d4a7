import { ConfigValidationError, ServiceConfig, loadConfig } from '@inventory/config';

class TestConfig extends ServiceConfig {
  override HTTP_PORT: number = 9000;
}

const valid = {
  KAFKA_BROKERS: '127.0.0.1:9092,kafka-2:9094',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/inventory',
  REDIS_URL: 'redis://127.0.0.1:6379/0',
  AUTH_API_KEYS: `ops:${'a'.repeat(64)}:inventory:admin`,
};

function problemsOf(env: Record<string, string | undefined>): Record<string, string[]> {
  try {
    loadConfig('svc', TestConfig, env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigValidationError);
    return Object.fromEntries(
      (err as ConfigValidationError).problems.map((p) => [p.variable, p.reasons]),
    );
  }
  throw new Error('expected a ConfigValidationError');
}

describe('loadConfig', () => {
  it('reads a valid environment with defaults and numeric conversion', () => {
    const config = loadConfig('svc', TestConfig, {
      ...valid,
      HTTP_PORT: '8123',
      SHUTDOWN_TIMEOUT_MS: '500',
    });
    expect(config.HTTP_PORT).toBe(8123);
    expect(config.SHUTDOWN_TIMEOUT_MS).toBe(500);
    expect(config.HTTP_HOST).toBe('127.0.0.1');
    expect(config.KAFKA_TOPIC_PREFIX).toBe('');
  });

  it('uses the subclass default port when HTTP_PORT is absent', () => {
    expect(loadConfig('svc', TestConfig, valid).HTTP_PORT).toBe(9000);
  });

  it('rejects an empty KAFKA_BROKERS instead of defaulting it', () => {
    expect(Object.keys(problemsOf({ ...valid, KAFKA_BROKERS: '' }))).toEqual(['KAFKA_BROKERS']);
  });

  it('names every missing and malformed variable at once', () => {
    const problems = problemsOf({ KAFKA_BROKERS: 'kafka', HTTP_PORT: 'x', LOG_LEVEL: 'loud' });
    expect(Object.keys(problems).sort()).toEqual([
      'AUTH_API_KEYS',
      'DATABASE_URL',
      'HTTP_PORT',
      'KAFKA_BROKERS',
      'LOG_LEVEL',
      'REDIS_URL',
    ]);
    expect(problems.KAFKA_BROKERS[0]).toContain('host:port');
  });

  it('formats a message an operator can act on', () => {
    try {
      loadConfig('source-inventory', TestConfig, { ...valid, REDIS_URL: 'http://x' });
      throw new Error('unreachable');
    } catch (err) {
      expect((err as Error).message).toBe(
        'Invalid configuration for source-inventory:\n  - REDIS_URL: REDIS_URL must be a redis:// URL',
      );
    }
  });
});
