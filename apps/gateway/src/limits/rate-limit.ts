import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';

const JSON_TYPE = 'application/json; charset=utf-8';

export const RATE_LIMITED_MESSAGE =
  'Too many requests: more than %max in %window_ms ms from this client. Retry after %retry_after seconds.';

/** Health and metrics stay reachable for probes and Prometheus whatever a client does. */
const EXEMPT = /^\/(health|metrics)(\/|\?|$)/;

/**
 * At most RATE_LIMIT_MAX requests per RATE_LIMIT_WINDOW_MS per client and gateway replica
 * (@fastify/rate-limit's in-memory store): the client is the verified credential (an API key's
 * name, a token's subject), or the IP address on public routes. Runs after authentication, so
 * a refused request costs nothing here. 429 with Retry-After and a Magento-style body.
 */
export async function installRateLimit(
  fastify: FastifyInstance,
  max: number,
  windowMs: number,
): Promise<void> {
  if (max === 0) return;
  await fastify.register(rateLimit, { global: false });
  const limiter = fastify.createRateLimit({
    max,
    timeWindow: windowMs,
    keyGenerator: (request: FastifyRequest) => request.principal?.id ?? `ip:${request.ip}`,
  });
  fastify.addHook('onRequest', (request, reply, done) => {
    if (EXEMPT.test(request.url)) return done();
    limiter(request).then((result) => {
      if (result.isAllowed || !result.isExceeded) return done();
      void reply
        .code(429)
        .type(JSON_TYPE)
        .header('retry-after', String(result.ttlInSeconds))
        .header('x-ratelimit-limit', String(result.max))
        .header('x-ratelimit-remaining', '0')
        .header('x-ratelimit-reset', String(result.ttlInSeconds))
        .send({
          message: RATE_LIMITED_MESSAGE,
          parameters: {
            max: result.max,
            window_ms: result.timeWindow,
            retry_after: result.ttlInSeconds,
          },
        });
    }, done);
  });
}
