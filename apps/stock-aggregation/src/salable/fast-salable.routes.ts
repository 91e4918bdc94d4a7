import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { toMsiResponse } from '@inventory/msi-api';
import { toUnits } from '../domain';
import { stockIdParam } from '../common/request-context';
import { SalableApp } from './salable.app';

type Params = { sku: string; stockId: string };

/**
 * The two hottest reads (a storefront asks them per product view) as plain Fastify routes: the
 * same SalableApp and the same MSI errors as the controller, without Nest's router, pipes and
 * interceptors per request (which cost more than the Redis round trip itself; see
 * docs/benchmarks.md). Fastify's hooks (metrics, `x-served-by`) still run; the OpenAPI document
 * gets them from `fastSalableOpenApi`.
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

@Injectable()
export class FastSalableRoutes implements OnModuleInit {
  private readonly logger = new Logger(FastSalableRoutes.name);

  constructor(
    private readonly host: HttpAdapterHost,
    private readonly app: SalableApp,
  ) {}

  onModuleInit(): void {
    const adapter = this.host.httpAdapter as { getInstance?: () => unknown } | undefined;
    const fastify = adapter?.getInstance?.() as FastifyInstance | undefined;
    if (!fastify || typeof fastify.inject !== 'function') return;
    const route = (
      path: string,
      answer: (result: Awaited<ReturnType<SalableApp['one']>>) => unknown,
    ) =>
      fastify.get(path, async (request: FastifyRequest, reply: FastifyReply) => {
        const { sku, stockId } = request.params as Params;
        try {
          const result = await this.app.one(stockIdParam(stockId), sku);
          return reply.type('application/json; charset=utf-8').send(JSON.stringify(answer(result)));
        } catch (err) {
          const { status, body, reportId } = toMsiResponse(err);
          if (reportId)
            this.logger.error(
              `GET ${request.url} failed, report ${reportId}`,
              (err as Error).stack,
            );
          return reply.code(status).type('application/json; charset=utf-8').send(body);
        }
      });
    route(FAST_SALABLE_PATHS.qty, (r) => toUnits(r.salable_qty));
    route(FAST_SALABLE_PATHS.isSalable, (r) => r.is_salable);
  }
}

/** The two routes in the service's OpenAPI document. */
export function fastSalableOpenApi(document: OpenAPIObject): void {
  const parameters = [
    { name: 'sku', in: 'path', required: true, schema: { type: 'string' } },
    { name: 'stockId', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } },
  ];
  const op = (summary: string, type: 'number' | 'boolean') => ({
    get: {
      tags: ['salability'],
      summary,
      parameters,
      responses: {
        '200': { description: summary, content: { 'application/json': { schema: { type } } } },
        '404': { description: 'stockId is not a positive integer' },
      },
    },
  });
  const openApiPath = (p: string) => p.replace(/:(\w+)/g, '{$1}');
  document.paths[openApiPath(FAST_SALABLE_PATHS.qty)] = op(
    'Salable quantity of a SKU in a stock (0 when not salable)',
    'number',
  ) as never;
  document.paths[openApiPath(FAST_SALABLE_PATHS.isSalable)] = op(
    'Whether a SKU is salable in a stock',
    'boolean',
  ) as never;
}
