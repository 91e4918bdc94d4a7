import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';

/**
 * One JSON line per proxied request (method, URL, status, upstream, time) at info level, from a
 * Fastify hook with the base logger: no request-scoped child logger, no async context. Nothing
 * is built when info is disabled.
 */
export function accessLog(fastify: FastifyInstance, logger: Logger): void {
  fastify.addHook('onResponse', async (request, reply) => {
    if (!request.url.startsWith('/V1/') || !logger.isLevelEnabled('info')) return;
    logger.info(
      {
        req: { method: request.method, url: request.url },
        res: { statusCode: reply.statusCode },
        upstream: reply.getHeader('x-served-by'),
        responseTime: Math.round(reply.elapsedTime * 100) / 100,
      },
      'request completed',
    );
  });
}
