import type { OpenAPIObject } from '@nestjs/swagger';
import { FAST_SALABLE_PATHS } from './fast-salable.routes';

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
