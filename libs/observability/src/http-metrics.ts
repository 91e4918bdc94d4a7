import type { FastifyInstance } from 'fastify';
import { httpRequestDuration } from './metrics';

/**
 * Times every request with Fastify hooks. The route template (not the raw URL) is the label, so
 * SKUs in paths do not explode the metric's cardinality.
 */
export function instrumentFastify(fastify: FastifyInstance): void {
  // Callback hooks and Fastify's own clock (reply.elapsedTime): no promise per request.
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions?.url ?? 'unmatched';
    httpRequestDuration.observe(
      { method: request.method, route, status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
    done();
  });
}
