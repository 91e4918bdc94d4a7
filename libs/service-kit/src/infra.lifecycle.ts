import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import Redis from 'ioredis';
import { Admin } from 'kafkajs';
import { Pool } from 'pg';
import { ServiceConfig } from '@inventory/config';
import { KafkaPublisher, ensureTopics } from '@inventory/messaging';
import { KAFKA_ADMIN, PG_POOL, REDIS, SERVICE_CONFIG } from './tokens';

/**
 * Connects Kafka and provisions topics before consumers subscribe, and closes every connection
 * last: onApplicationShutdown runs after HTTP and the Kafka consumer have drained.
 */
@Injectable()
export class InfraLifecycle implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(InfraLifecycle.name);

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    @Inject(KAFKA_ADMIN) private readonly admin: Admin,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly publisher: KafkaPublisher,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.admin.connect();
    const { created, mismatched } = await ensureTopics(this.admin, this.config.KAFKA_TOPIC_PREFIX);
    if (created.length) this.logger.log(`created topics: ${created.join(', ')}`);
    if (mismatched.length)
      this.logger.warn(`partition count differs from the declared one: ${mismatched.join(', ')}`);
    await this.publisher.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([
      this.publisher.disconnect(),
      this.admin.disconnect(),
      this.pool.end(),
      this.redis.quit().catch(() => this.redis.disconnect()),
    ]);
  }
}
