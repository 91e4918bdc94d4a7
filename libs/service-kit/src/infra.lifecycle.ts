import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  OnModuleInit,
} from '@nestjs/common';
import Redis from 'ioredis';
import { Admin } from 'kafkajs';
import { Pool } from 'pg';
import { ServiceConfig } from '@inventory/config';
import { PostgresEventStore } from '@inventory/event-store';
import { KafkaPublisher, ensureTopics } from '@inventory/messaging';
import { EventPipeline } from './event-pipeline';
import { EVENT_STORE, KAFKA_ADMIN, PG_POOL, REDIS, SERVICE_CONFIG } from './tokens';

/**
 * Migrates the event store and provisions topics before consumers subscribe, starts the relay and
 * projections after boot, and closes every connection last: onApplicationShutdown runs after HTTP
 * and the Kafka consumer have drained.
 */
@Injectable()
export class InfraLifecycle implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(InfraLifecycle.name);

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    @Inject(KAFKA_ADMIN) private readonly admin: Admin,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly publisher: KafkaPublisher,
    @Inject(EVENT_STORE) private readonly store: PostgresEventStore,
    private readonly pipeline: EventPipeline,
  ) {}

  async onModuleInit(): Promise<void> {
    const { applied } = await this.store.migrate();
    if (applied.length)
      this.logger.log(`event store migrated: ${applied.map((m) => m.name).join(', ')}`);
    await this.admin.connect();
    const { created, mismatched } = await ensureTopics(this.admin, this.config.KAFKA_TOPIC_PREFIX);
    if (created.length) this.logger.log(`created topics: ${created.join(', ')}`);
    if (mismatched.length)
      this.logger.warn(`partition count differs from the declared one: ${mismatched.join(', ')}`);
    await this.publisher.connect();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.pipeline.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pipeline
      .stop()
      .catch((err) => this.logger.error(`stopping the event pipeline: ${err}`));
    await Promise.allSettled([
      this.publisher.disconnect(),
      this.admin.disconnect(),
      this.pool.end(),
      this.redis.quit().catch(() => this.redis.disconnect()),
    ]);
  }
}
