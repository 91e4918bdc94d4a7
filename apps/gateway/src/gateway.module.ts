import { DynamicModule, Module, RequestMethod } from '@nestjs/common';
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
          // Proxied requests get a cheap access log from a Fastify hook (access-log.ts), not
          // the request-scoped logger middleware, which costs more than the proxying itself.
          exclude: [{ method: RequestMethod.ALL, path: 'V1/{*path}' }],
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
