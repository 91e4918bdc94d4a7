import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';

export interface AccessLogOptions {
  /** Requests not logged, e.g. health checks or hot reads (they are still in /metrics). */
  skip?: (url: string) => boolean;
}

/**
 * One JSON line per request (method, URL, status, time, and which service answered) at info
 * level, from a Fastify hook with the base logger: no request-scoped child logger and no async
 * context, which cost more per request than a Redis read. Nothing is built when info is off.
 */
export function accessLog(
  fastify: FastifyInstance,
  logger: Logger,
  options: AccessLogOptions = {},
): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    done();
    if (!logger.isLevelEnabled('info') || options.skip?.(request.url)) return;
    logger.info(
      {
        req: { method: request.method, url: request.url },
        res: { statusCode: reply.statusCode },
        servedBy: reply.getHeader('x-served-by'),
        // Who did it (an API key's name or a token's subject), never the credential itself.
        principal: (request as { principal?: { id: string } }).principal?.id,
        responseTime: Math.round(reply.elapsedTime * 100) / 100,
      },
      'request completed',
    );
  });
}
