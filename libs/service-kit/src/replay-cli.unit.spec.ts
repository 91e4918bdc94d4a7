import { ServiceConfig } from '@inventory/config';
import { TOPICS } from '@inventory/contracts';
import { createKafka, replayDeadLetters } from '@inventory/messaging';
import type { ServiceDefinition } from './bootstrap';
import { runReplayDeadLetters } from './replay-cli';

// The CLI's wiring only: what it hands to kafkajs and to the replay (which has its own int tests).
jest.mock('@inventory/messaging', () => ({
  createKafka: jest.fn(() => ({
    admin: () => ({ connect: async () => undefined, disconnect: async () => undefined }),
  })),
  replayDeadLetters: jest.fn(async () => ({ total: 0, replayed: 0, skipped: 0, byReason: {} })),
}));

class TestConfig extends ServiceConfig {
  override HTTP_PORT = 0;
}

const def: ServiceDefinition<TestConfig> = {
  name: 'replay-unit',
  description: 'test',
  configSchema: TestConfig,
  rootModule: () => {
    throw new Error('not started by the CLI');
  },
};

describe('replay-dead-letters CLI wiring', () => {
  const saved = { ...process.env };
  const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);

  beforeEach(() => {
    jest.clearAllMocks();
    Object.assign(process.env, {
      KAFKA_BROKERS: 'kafka-1:9093,kafka-2:9093',
      DATABASE_URL: 'postgres://u@db:5432/inventory',
      REDIS_URL: 'redis://redis:6379/0',
      KAFKA_TOPIC_PREFIX: 'prod.',
      AUTH_API_KEYS: `ops:${'a'.repeat(64)}:inventory:admin`,
      KAFKA_SSL: 'true',
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'inventory',
      KAFKA_SASL_PASSWORD: 'sasl-secret',
    });
  });

  afterAll(() => {
    process.env = saved;
    error.mockRestore();
  });

  it('connects with the TLS and SASL settings the service uses', async () => {
    expect(await runReplayDeadLetters(def, [TOPICS.orders.name])).toBe(0);
    expect(createKafka).toHaveBeenCalledWith(
      expect.objectContaining({
        brokers: ['kafka-1:9093', 'kafka-2:9093'],
        security: {
          ssl: true,
          sasl: { mechanism: 'scram-sha-512', username: 'inventory', password: 'sasl-secret' },
        },
      }),
    );
  });

  it('passes topic, prefix, --dry-run and --reason to the replay', async () => {
    const args = ['--reason', 'invalid', TOPICS.orders.name, '--dry-run'];
    expect(await runReplayDeadLetters(def, args)).toBe(0);
    expect(replayDeadLetters).toHaveBeenCalledWith(
      expect.objectContaining({
        topic: TOPICS.orders.name,
        topicPrefix: 'prod.',
        dryRun: true,
        reason: 'invalid',
      }),
    );
    expect(await runReplayDeadLetters(def, [TOPICS.orders.name])).toBe(0);
    expect(replayDeadLetters).toHaveBeenLastCalledWith(
      expect.objectContaining({ dryRun: false, reason: undefined }),
    );
  });

  it.each([
    [['--reason'], '--reason needs one of unparseable, invalid, unknown_type, handler_failed'],
    [['--reason', 'bogus'], '--reason needs one of'],
    [[], 'topics: '],
    [['--dry-run'], 'topics: '],
  ])('refuses %j with the usage (exit 2)', async (extra, message) => {
    const args = extra.length && extra[0] === '--reason' ? [TOPICS.orders.name, ...extra] : extra;
    expect(await runReplayDeadLetters(def, args)).toBe(2);
    expect(error.mock.calls.flat().join('\n')).toContain(message);
    expect(replayDeadLetters).not.toHaveBeenCalled();
  });
});
