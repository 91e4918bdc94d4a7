import { DynamicModule, Module } from '@nestjs/common';
import { MetricsController, NestPinoLogger, createLogger } from '@inventory/observability';
import { GATEWAY_CONFIG, GatewayConfig } from './config';
import { GatewayHealthController } from './health/health.controller';
import { UpstreamClient } from './upstream-client';

@Module({})
export class GatewayModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: GatewayModule,
      controllers: [GatewayHealthController, MetricsController],
      providers: [
        { provide: GATEWAY_CONFIG, useValue: config },
        {
          provide: NestPinoLogger,
          useValue: new NestPinoLogger(createLogger('gateway', config.LOG_LEVEL)),
        },
        UpstreamClient,
      ],
    };
  }
}
