import 'reflect-metadata';
import {
  DynamicModule,
  ExceptionFilter,
  INestApplication,
  Logger as NestLogger,
  Type,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { ClassConstructor } from 'class-transformer';
import qs from 'qs';
import { Kafka } from 'kafkajs';
import { Authenticator, checkRouteAccess, installAuth } from '@inventory/auth';
import { applyServiceHeapGrowth } from '@inventory/contracts';
import { ServiceConfig, loadConfigOrExit, redactedConfig } from '@inventory/config';
import { KafkaConsumerServer } from '@inventory/messaging';
import {
  accessLog,
  createLogger,
  initMetrics,
  instrumentFastify,
  NestPinoLogger,
} from '@inventory/observability';
import { EventPipelineOptions } from './event-pipeline';
import { ConsumerHolder } from './health.indicators';
import { RpcPassthroughFilter } from './rpc-passthrough.filter';
import { ShutdownState } from './shutdown-state';
import { KAFKA } from './tokens';
import { createValidationPipe } from './validation';

export interface ServiceDefinition<C extends ServiceConfig> {
  name: string;
  description: string;
  configSchema: ClassConstructor<C>;
  rootModule: (config: C) => DynamicModule | Type<unknown>;
  /** Global exception filters, e.g. the Magento-style error renderer of @inventory/msi-api. */
  exceptionFilters?: ExceptionFilter[];
  /** What the service publishes through its relay and projects into Redis (see EventPipeline). */
  pipeline?: EventPipelineOptions;
  /**
   * URL prefixes of hot reads left out of the access log (they are still in /metrics), e.g.
   * `/V1/inventory/get-product-salable-quantity/`.
   */
  unloggedReads?: string[];
  /** Amends the generated OpenAPI document, e.g. with routes registered on Fastify directly. */
  openApi?: (document: OpenAPIObject) => void;
}

export interface RunningService {
  app: NestFastifyApplication;
  url: string;
  openApi: OpenAPIObject;
}

/** Builds the hybrid app (Fastify HTTP + Kafka transport) without signal handling; tests use it directly. */
export async function createService<C extends ServiceConfig>(
  def: ServiceDefinition<C>,
  config: C,
): Promise<RunningService> {
  initMetrics(def.name);
  const adapter = new FastifyAdapter({
    bodyLimit: config.HTTP_BODY_LIMIT_BYTES,
    // Magento clients send searchCriteria[filter_groups][0][filters][0][field]=... : nested keys.
    querystringParser: (query: string) =>
      qs.parse(query, { depth: 8, arrayLimit: 1000, parameterLimit: 5000 }),
  });
  const app = await NestFactory.create<NestFastifyApplication>(def.rootModule(config), adapter, {
    bufferLogs: true,
    // Throw instead of exiting inside Nest, so a wiring error is printed (buffered logs would be lost).
    abortOnError: false,
  });
  app.useLogger(app.get(NestPinoLogger));
  app.useGlobalPipes(createValidationPipe());
  // Last registered wins among catch-all filters: the service's own HTTP filter goes after.
  app.useGlobalFilters(new RpcPassthroughFilter(app.getHttpAdapter()));
  for (const filter of def.exceptionFilters ?? []) app.useGlobalFilters(filter);
  const fastify = app.getHttpAdapter().getInstance();
  const logger = createLogger(def.name, config.LOG_LEVEL);
  instrumentFastify(fastify);
  const unlogged = def.unloggedReads ?? [];
  accessLog(fastify, logger, {
    skip: (url) => /^\/(health|metrics)/.test(url) || unlogged.some((p) => url.startsWith(p)),
  });
  // Tells operators (and the gateway's tests) which service answered a proxied request.
  fastify.addHook('onRequest', (_req, reply, done) => {
    reply.header('x-served-by', def.name);
    done();
  });
  // Here, not only at the gateway: a service reached directly (another pod, a port-forward)
  // is protected the same way. Installed before any route, so it sees every one.
  const auth = installAuth(fastify, {
    authenticator: new Authenticator(config),
    match: 'route',
    logger,
  });

  const server = new KafkaConsumerServer({
    kafka: app.get<Kafka>(KAFKA),
    groupId: `${config.KAFKA_TOPIC_PREFIX}${def.name}`,
    topicPrefix: config.KAFKA_TOPIC_PREFIX,
    sessionTimeoutMs: config.KAFKA_SESSION_TIMEOUT_MS,
    partitionsConsumedConcurrently: config.KAFKA_PARTITIONS_CONCURRENCY,
  });
  app.get(ConsumerHolder).server = server;
  app.connectMicroservice({ strategy: server }, { inheritAppConfig: true });

  const openApi = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(def.name)
      .setDescription(def.description)
      .setVersion('1')
      .build(),
  );
  def.openApi?.(openApi);
  app
    .getHttpAdapter()
    .get('/openapi.json', (_req: unknown, reply: { send: (b: unknown) => void }) =>
      reply.send(openApi),
    );

  await app.init();
  checkRouteAccess(auth, logger);
  await app.startAllMicroservices();
  await app.listen(config.HTTP_PORT, config.HTTP_HOST);
  return { app, url: await app.getUrl(), openApi };
}

/**
 * Entry point of a deployable: validated config (exit 78 naming each bad variable), start, and a
 * graceful SIGTERM/SIGINT: readiness fails first, then HTTP and the consumer drain, offsets are
 * committed, connections close. A drain longer than SHUTDOWN_TIMEOUT_MS exits non-zero.
 */
export async function runService<C extends ServiceConfig>(
  def: ServiceDefinition<C>,
): Promise<void> {
  const config = loadConfigOrExit(def.name, def.configSchema);
  try {
    applyServiceHeapGrowth();
  } catch (err) {
    process.stderr.write(`${def.name}: ${(err as Error).message}\n`);
    process.exit(78);
  }
  createLogger(def.name, config.LOG_LEVEL).debug(
    { config: redactedConfig(config) },
    'configuration',
  );
  let app: INestApplication | undefined;
  try {
    app = (await createService(def, config)).app;
  } catch (err) {
    process.stderr.write(`${def.name} failed to start: ${(err as Error).stack ?? err}\n`);
    await app?.close().catch(() => undefined);
    process.exit(1);
  }
  const drain = app.get(ShutdownState);
  installShutdown(app, config.SHUTDOWN_TIMEOUT_MS, def.name, () => drain.beginDrain());
  new NestLogger(def.name).log(`listening on http://${config.HTTP_HOST}:${config.HTTP_PORT}`);
}

export function installShutdown(
  app: INestApplication,
  timeoutMs: number,
  name: string,
  beginDrain?: () => void,
): void {
  let closing = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (closing) return;
    closing = true;
    const logger = new NestLogger(name);
    logger.log(`${signal} received, draining`);
    beginDrain?.();
    const timer = setTimeout(() => {
      logger.error(`shutdown took longer than ${timeoutMs} ms, exiting`);
      process.exit(1);
    }, timeoutMs);
    timer.unref();
    try {
      await app.close();
      logger.log('stopped');
      process.exit(0);
    } catch (err) {
      logger.error(`error during shutdown: ${(err as Error).message}`);
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}
