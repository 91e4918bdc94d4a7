import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import Redis from 'ioredis';
import { Admin } from 'kafkajs';
import { Pool } from 'pg';
import { KafkaConsumerServer, pingKafka } from '@inventory/messaging';
import { KAFKA_ADMIN, PG_POOL, REDIS } from './tokens';

const TIMEOUT_MS = 2000;

function withTimeout<T>(p: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p,
    new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`${what} did not answer within ${TIMEOUT_MS} ms`)),
        TIMEOUT_MS,
      );
    }),
  ]).finally(() => clearTimeout(timer));
}

/** Set by bootstrap once the Kafka transport exists, so readiness can tell whether it consumes. */
@Injectable()
export class ConsumerHolder {
  server?: KafkaConsumerServer;
}

@Injectable()
export class DependencyIndicators {
  constructor(
    private readonly health: HealthIndicatorService,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(KAFKA_ADMIN) private readonly admin: Admin,
    private readonly consumer: ConsumerHolder,
  ) {}

  postgres(): Promise<HealthIndicatorResult> {
    return this.check('postgres', async () => {
      await withTimeout(this.pool.query('SELECT 1'), 'PostgreSQL');
      return {};
    });
  }

  redisCheck(): Promise<HealthIndicatorResult> {
    return this.check('redis', async () => {
      await withTimeout(this.redis.ping(), 'Redis');
      return {};
    });
  }

  kafka(): Promise<HealthIndicatorResult> {
    return this.check('kafka', async () => ({ ...(await pingKafka(this.admin, TIMEOUT_MS)) }));
  }

  kafkaConsumer(): Promise<HealthIndicatorResult> {
    return this.check('kafkaConsumer', async () => {
      const server = this.consumer.server;
      if (server && !server.isRunning()) throw new Error('Kafka consumer is not running');
      return { subscribed: server ? server.getHandlers().size : 0 };
    });
  }

  private async check(
    key: string,
    probe: () => Promise<Record<string, unknown>>,
  ): Promise<HealthIndicatorResult> {
    const indicator = this.health.check(key);
    try {
      return indicator.up(await probe());
    } catch (err) {
      return indicator.down({ message: (err as Error).message });
    }
  }
}
