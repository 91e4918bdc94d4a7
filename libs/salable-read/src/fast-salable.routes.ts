import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { toUnits } from '@inventory/kernel';
import { toMsiResponse } from '@inventory/msi-api';
import { stockIdParam, type Salability } from '@inventory/salability';
import type { SalableReader } from './salable-reader';

/**
 * The two hottest reads (a storefront asks them per product view) as plain Fastify routes,
 * without Nest's router, pipes and interceptors per request (which cost more than the read
 * itself; see docs/benchmarks.md). Registered by stock-aggregation and by the gateway.
 */
export const FAST_SALABLE_PATHS = {
  qty: '/V1/inventory/get-product-salable-quantity/:sku/:stockId',
  isSalable: '/V1/inventory/is-product-salable/:sku/:stockId',
} as const;

/** URL prefixes of the two routes, left out of the access log (still in /metrics). */
export const FAST_SALABLE_UNLOGGED = [
  '/V1/inventory/get-product-salable-quantity/',
  '/V1/inventory/is-product-salable/',
];

type Params = { sku: string; stockId: string };

export interface FastSalableOptions {
  /** Set on every answer given here (the gateway says it answered itself). */
  servedBy?: string;
  /** An unexpected failure (not an MSI error) with the report id the answer carries. */
  onFailure(url: string, reportId: string, err: Error): void;
  /**
   * Answer the request another way instead (the gateway proxies it when it can't read the
   * model itself); `undefined` answers it here.
   */
  divert?(request: FastifyRequest, reply: FastifyReply, err?: Error): Promise<unknown> | undefined;
}

export function registerFastSalableRoutes(
  fastify: FastifyInstance,
  reader: SalableReader,
  options: FastSalableOptions,
): void {
  const json = 'application/json; charset=utf-8';
  const route = (path: string, answer: (result: Salability) => unknown) =>
    fastify.get(path, async (request: FastifyRequest, reply: FastifyReply) => {
      const diverted = options.divert?.(request, reply);
      if (diverted) return diverted;
      const { sku, stockId } = request.params as Params;
      if (options.servedBy) reply.header('x-served-by', options.servedBy);
      try {
        const result = await reader.one(stockIdParam(stockId), sku);
        return reply.type(json).send(JSON.stringify(answer(result)));
      } catch (err) {
        const { status, body, reportId } = toMsiResponse(err);
        if (reportId) {
          const divertedOnError = options.divert?.(request, reply, err as Error);
          if (divertedOnError) return divertedOnError;
          options.onFailure(request.url, reportId, err as Error);
        }
        return reply.code(status).type(json).send(body);
      }
    });
  route(FAST_SALABLE_PATHS.qty, (r) => toUnits(r.salable_qty));
  route(FAST_SALABLE_PATHS.isSalable, (r) => r.is_salable);
}
