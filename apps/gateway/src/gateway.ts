import { NestFactory } from '@nestjs/core';
import { Authenticator, checkRouteAccess, installAuth } from '@inventory/auth';
import { GATEWAY_ROUTES } from '@inventory/contracts';
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
import { installBodyLimit } from './limits/body-limit';
import { installRateLimit } from './limits/rate-limit';
import { setupProxy } from './proxy.setup';

/** The proxy's prefix routes: their access is decided per request path, not per route. */
const isProxyRoute = (_method: string, url: string): boolean =>
  GATEWAY_ROUTES.some((r) => url === r.prefix || url.startsWith(`${r.prefix}/`));

export async function createGateway(config: GatewayConfig): Promise<NestFastifyApplication> {
  initMetrics('gateway');
  const app = await NestFactory.create<NestFastifyApplication>(
    GatewayModule.forRoot(config),
    new FastifyAdapter({ bodyLimit: config.HTTP_BODY_LIMIT_BYTES }),
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
  // In this order, before any route: authentication, then the client's rate (keyed by who it
  // is), then the body size; the edge reads and the proxy run only after all three.
  const auth = installAuth(fastify, {
    authenticator: new Authenticator(config),
    match: 'path',
    logger,
    unchecked: isProxyRoute,
  });
  await installRateLimit(fastify, config.RATE_LIMIT_MAX, config.RATE_LIMIT_WINDOW_MS);
  installBodyLimit(fastify, config.HTTP_BODY_LIMIT_BYTES);
  const edge = await SalableEdge.attach(fastify, config, logger);
  if (edge) fastify.addHook('onClose', async () => edge.close());
  await setupProxy(app, config);
  setupDocs(app);
  await app.init();
  checkRouteAccess(auth, logger);
  await app.listen(config.HTTP_PORT, config.HTTP_HOST);
  return app;
}
