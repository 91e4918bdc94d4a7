import type { FastifyInstance } from 'fastify';
import { httpRequestDuration } from './metrics';

/**
 * Times every request with Fastify hooks. The route template (not the raw URL) is the label, so
 * SKUs in paths do not explode the metric's cardinality.
 */
export function instrumentFastify(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', async (request) => {
    (request as unknown as { metricsStart: bigint }).metricsStart = process.hrtime.bigint();
  });
  fastify.addHook('onResponse', async (request, reply) => {
    const start = (request as unknown as { metricsStart?: bigint }).metricsStart;
    if (start === undefined) return;
    const route = request.routeOptions?.url ?? 'unmatched';
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    httpRequestDuration.observe(
      { method: request.method, route, status: String(reply.statusCode) },
      seconds,
    );
  });
}
