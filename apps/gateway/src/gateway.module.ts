import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { MetricsController, createLogger } from '@inventory/observability';
import { GATEWAY_CONFIG, GatewayConfig } from './config';
import { GatewayHealthController } from './health/health.controller';
import { UpstreamClient } from './upstream-client';

@Module({})
export class GatewayModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            logger: createLogger('gateway', config.LOG_LEVEL),
            autoLogging: {
              ignore: (req) =>
                /^\/(health|metrics)/.test(
                  (req as { originalUrl?: string }).originalUrl ?? req.url ?? '',
                ),
            },
          },
        }),
      ],
      controllers: [GatewayHealthController, MetricsController],
      providers: [{ provide: GATEWAY_CONFIG, useValue: config }, UpstreamClient],
    };
  }
}
