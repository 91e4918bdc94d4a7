import type { OpenAPIObject } from '@nestjs/swagger';
import { mergeOpenApi } from './merge-openapi';

const doc = (
  paths: Record<string, object>,
  schemas: Record<string, object> = {},
): OpenAPIObject => ({
  openapi: '3.0.0',
  info: { title: 't', version: '1', description: 'd' },
  paths,
  components: { schemas },
});
const op = { get: { responses: { 200: { description: '' } }, tags: ['x'] } };

describe('mergeOpenApi', () => {
  it('keeps only the public paths each service owns, tagged with the service', () => {
    const merged = mergeOpenApi(doc({ '/health': op }), [
      {
        service: 'source-inventory',
        doc: doc(
          { '/V1/inventory/sources': op, '/health/ready': op, '/V1/inventory/stocks': op },
          { SourceDto: {} },
        ),
      },
    ]);
    expect(Object.keys(merged.paths).sort()).toEqual(['/V1/inventory/sources', '/health']);
    expect(merged.paths['/V1/inventory/sources'].get?.tags).toEqual(['source-inventory', 'x']);
    expect(merged.components?.schemas).toHaveProperty('SourceDto');
    expect(merged.tags?.map((t) => t.name)).toEqual(['source-inventory']);
  });
});
