import { DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { ServiceConfig } from '@inventory/config';
import { MetricsController, NestPinoLogger, createLogger } from '@inventory/observability';
import { BusProbeController } from './bus-probe/bus-probe.controller';
import { HealthController } from './health.controller';
import { ConsumerHolder, DependencyIndicators } from './health.indicators';
import { InfraLifecycle } from './infra.lifecycle';
import { infraProviders } from './infra.providers';
import { ShutdownState } from './shutdown-state';
import {
  EVENT_STORE,
  KAFKA,
  KAFKA_ADMIN,
  PG_POOL,
  REDIS,
  SERVICE_CONFIG,
  SERVICE_NAME,
} from './tokens';
import { EVENT_PIPELINE_OPTIONS, EventPipeline, EventPipelineOptions } from './event-pipeline';
import { RedisKeys } from './redis-keys';
import { CommandBus } from './command-bus';
import { OperationalMetrics } from './operational-metrics';
import { KafkaPublisher } from '@inventory/messaging';

/**
 * Everything a domain service shares: config, connections, logging, health, metrics and the bus
 * probe. Global, so use-case modules inject PG_POOL, REDIS or KafkaPublisher without re-importing.
 */
@Module({})
export class CoreModule {
  static forRoot(
    service: string,
    config: ServiceConfig,
    pipeline: EventPipelineOptions = {},
  ): DynamicModule {
    const logger = createLogger(service, config.LOG_LEVEL);
    return {
      module: CoreModule,
      global: true,
      imports: [TerminusModule.forRoot({ errorLogStyle: 'json' })],
      controllers: [HealthController, MetricsController, BusProbeController],
      providers: [
        // Nest's own lines as pino JSON; requests are logged by a Fastify hook (accessLog).
        { provide: NestPinoLogger, useValue: new NestPinoLogger(logger) },
        ...infraProviders(service, config),
        { provide: EVENT_PIPELINE_OPTIONS, useValue: pipeline },
        EventPipeline,
        CommandBus,
        InfraLifecycle,
        ShutdownState,
        ConsumerHolder,
        DependencyIndicators,
        OperationalMetrics,
      ],
      exports: [
        NestPinoLogger,
        EVENT_STORE,
        EventPipeline,
        CommandBus,
        SERVICE_NAME,
        SERVICE_CONFIG,
        PG_POOL,
        REDIS,
        KAFKA,
        KAFKA_ADMIN,
        RedisKeys,
        KafkaPublisher,
        ShutdownState,
        ConsumerHolder,
      ],
    };
  }
}
