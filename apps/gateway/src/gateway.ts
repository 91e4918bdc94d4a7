import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  accessLog,
  createLogger,
  initMetrics,
  instrumentFastify,
  NestPinoLogger,
} from '@inventory/observability';
import { FAST_SALABLE_UNLOGGED } from '@inventory/salable-read';
import { GatewayConfig } from './config';
import { SalableEdge } from './edge/salable-edge';
import { setupDocs } from './docs/docs.setup';
import { GatewayModule } from './gateway.module';
import { setupProxy } from './proxy.setup';

export async function createGateway(config: GatewayConfig): Promise<NestFastifyApplication> {
  initMetrics('gateway');
  const app = await NestFactory.create<NestFastifyApplication>(
    GatewayModule.forRoot(config),
    new FastifyAdapter(),
    {
      bufferLogs: true,
      abortOnError: false,
    },
  );
  app.useLogger(app.get(NestPinoLogger));
  const fastify = app.getHttpAdapter().getInstance();
  const logger = createLogger('gateway', config.LOG_LEVEL);
  instrumentFastify(fastify);
  // Hot reads answered here stay out of the access log, as they do in stock-aggregation.
  const unlogged = config.REDIS_URL ? FAST_SALABLE_UNLOGGED : [];
  accessLog(fastify, logger, {
    skip: (url) => !url.startsWith('/V1/') || unlogged.some((p) => url.startsWith(p)),
  });
  const edge = await SalableEdge.attach(fastify, config, logger);
  if (edge) fastify.addHook('onClose', async () => edge.close());
  await setupProxy(app, config);
  setupDocs(app);
  await app.listen(config.HTTP_PORT, config.HTTP_HOST);
  return app;
}
