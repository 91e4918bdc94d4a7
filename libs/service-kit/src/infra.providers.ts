import { Provider } from '@nestjs/common';
import Redis from 'ioredis';
import { Kafka } from 'kafkajs';
import { Pool } from 'pg';
import { ServiceConfig, redisTlsOptions } from '@inventory/config';
import { PostgresEventStore } from '@inventory/event-store';
import { KafkaPublisher } from '@inventory/messaging';
import { createLogger, observeEventStoreAppend } from '@inventory/observability';
import {
  EVENT_STORE,
  KAFKA,
  KAFKA_ADMIN,
  PG_POOL,
  REDIS,
  SERVICE_CONFIG,
  SERVICE_NAME,
} from './tokens';
import { RedisKeys } from './redis-keys';
import { serviceKafka } from './kafka-client';
import { servicePool } from './pg-pool';

export function infraProviders(service: string, config: ServiceConfig): Provider[] {
  return [
    { provide: SERVICE_NAME, useValue: service },
    { provide: SERVICE_CONFIG, useValue: config },
    {
      provide: PG_POOL,
      useFactory: () => {
        // An idle client losing its connection must not crash the process; the pool replaces it.
        const logger = createLogger(service, config.LOG_LEVEL);
        return servicePool(config, {
          max: config.PG_POOL_MAX,
          connectionTimeoutMillis: 3000,
          onError: (err) =>
            logger.warn({ err }, 'PostgreSQL connection lost; the pool opens a new one'),
        });
      },
    },
    {
      provide: REDIS,
      // Fail commands fast while Redis is down (readiness reports it); reconnect forever in the background.
      useFactory: () =>
        new Redis(config.REDIS_URL, {
          maxRetriesPerRequest: 1,
          connectTimeout: 2000,
          enableOfflineQueue: true,
          // Commands issued in the same event-loop tick (concurrent requests) go out in one
          // write: far fewer syscalls per read under load.
          enableAutoPipelining: true,
          ...redisTlsOptions(config),
        }),
    },
    {
      provide: EVENT_STORE,
      inject: [PG_POOL],
      useFactory: (pool: Pool) =>
        new PostgresEventStore({ pool, observeAppend: observeEventStoreAppend }),
    },
    { provide: RedisKeys, useValue: new RedisKeys(config.REDIS_KEY_PREFIX) },
    {
      provide: KAFKA,
      useFactory: () => serviceKafka(config, service),
    },
    { provide: KAFKA_ADMIN, inject: [KAFKA], useFactory: (kafka: Kafka) => kafka.admin() },
    {
      provide: KafkaPublisher,
      inject: [KAFKA],
      useFactory: (kafka: Kafka) => new KafkaPublisher(kafka, config.KAFKA_TOPIC_PREFIX, service),
    },
  ];
}
