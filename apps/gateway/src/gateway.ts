import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { accessLog, createLogger, initMetrics, instrumentFastify } from '@inventory/observability';
import { GatewayConfig } from './config';
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
  app.useLogger(app.get(Logger));
  instrumentFastify(app.getHttpAdapter().getInstance());
  accessLog(app.getHttpAdapter().getInstance(), createLogger('gateway', config.LOG_LEVEL), {
    skip: (url) => !url.startsWith('/V1/'),
  });
  await setupProxy(app, config);
  setupDocs(app);
  await app.listen(config.HTTP_PORT, config.HTTP_HOST);
  return app;
}
