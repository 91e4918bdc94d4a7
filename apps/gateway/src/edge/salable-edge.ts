import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import Redis from 'ioredis';
import type { Logger } from 'pino';
import { redisTlsOptions } from '@inventory/config';
import {
  registerFastSalableRoutes,
  SalableReader,
  startSalableCache,
  type SalableCacheHandle,
} from '@inventory/salable-read';
import { SALABILITY_KEYS, SALABLE_MODEL_VERSION } from '@inventory/salability';
import type { GatewayConfig } from '../config';

const VERSION_CHECK_MS = 5000;

/**
 * The gateway answers the two hottest reads itself from the salable read model in Redis, with
 * the same reader, cache and routes as stock-aggregation: a proxied read costs the gateway more
 * CPU than the whole answer costs the service (docs/benchmarks.md). While the model in Redis is
 * not of the layout this build knows (an upgrade is recomputing it) or Redis fails, the request
 * goes to stock-aggregation as before.
 */
export class SalableEdge {
  private current = false;
  private timer?: NodeJS.Timeout;

  private constructor(
    private readonly redis: Redis,
    private readonly cache: SalableCacheHandle | undefined,
    private readonly upstream: string,
    private readonly config: GatewayConfig,
  ) {}

  static async attach(
    fastify: FastifyInstance,
    config: GatewayConfig,
    logger: Logger,
  ): Promise<SalableEdge | undefined> {
    if (!config.REDIS_URL) return undefined;
    const redis = new Redis(config.REDIS_URL, {
      maxRetriesPerRequest: 1,
      connectTimeout: 2000,
      enableAutoPipelining: true,
      ...redisTlsOptions(config),
    });
    redis.on('error', (err: Error) => logger.warn(`salable edge: ${err.message}`));
    const cache = startSalableCache({
      redisUrl: config.REDIS_URL,
      redisOptions: redisTlsOptions(config),
      prefix: config.REDIS_KEY_PREFIX,
      capacity: config.SALABLE_CACHE_ENTRIES,
      onError: (err) => logger.warn(`salable edge cache: ${err.message}`),
    });
    const edge = new SalableEdge(redis, cache, config.STOCK_AGGREGATION_URL, config);
    const reader = new SalableReader(redis, config.REDIS_KEY_PREFIX, cache?.cache);
    registerFastSalableRoutes(fastify, reader, {
      servedBy: 'gateway',
      onFailure: (url, reportId, err) =>
        logger.error({ err, reportId }, `GET ${url} failed at the edge, report ${reportId}`),
      divert: (request, reply, err) =>
        !edge.current || err ? edge.proxy(request, reply) : undefined,
    });
    await edge.checkVersion();
    edge.timer = setInterval(() => void edge.checkVersion(), VERSION_CHECK_MS);
    edge.timer.unref();
    return edge;
  }

  /** Whether the edge answers (true) or proxies (false) right now. */
  get answering(): boolean {
    return this.current;
  }

  async checkVersion(): Promise<void> {
    try {
      const version = await this.redis.get(
        SALABILITY_KEYS.modelVersion(this.config.REDIS_KEY_PREFIX),
      );
      this.current = version === SALABLE_MODEL_VERSION;
    } catch {
      this.current = false;
    }
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.cache?.stop();
    this.redis.disconnect();
  }

  /** The rare way: ask stock-aggregation, as the proxy would. */
  private async proxy(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    // The credentials go along: stock-aggregation checks them again, as for a proxied request.
    const credentials = Object.fromEntries(
      (['authorization', 'x-api-key'] as const)
        .filter((h) => typeof request.headers[h] === 'string')
        .map((h) => [h, request.headers[h] as string]),
    );
    const res = await fetch(`${this.upstream}${request.url}`, {
      headers: { ...credentials, 'x-forwarded-by': 'inventory-gateway' },
      signal: AbortSignal.timeout(this.config.UPSTREAM_TIMEOUT_MS),
    });
    const servedBy = res.headers.get('x-served-by');
    if (servedBy) reply.header('x-served-by', servedBy);
    return reply
      .code(res.status)
      .type(res.headers.get('content-type') ?? 'application/json; charset=utf-8')
      .send(await res.text());
  }
}
