import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { UpstreamClient } from '../upstream-client';
import { mergeOpenApi } from './merge-openapi';

/** Swagger UI at /docs and the merged document at /docs/json, rebuilt from the services per request. */
export function setupDocs(app: NestFastifyApplication): void {
  const base = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Inventory platform API')
      .setDescription(
        'Multi-source inventory: sources, stocks, salable quantity, reservations and shipment matching.',
      )
      .setVersion('1')
      // Either credential works on every route but health, metrics and these docs
      // (docs/security.md lists the scope each route needs).
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API key or a JWT' })
      .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key' }, 'api_key')
      .addSecurityRequirements('bearer')
      .addSecurityRequirements('api_key')
      .build(),
  );
  const upstream = app.get(UpstreamClient);
  SwaggerModule.setup('docs', app, base, {
    jsonDocumentUrl: 'docs/json',
    patchDocumentOnRequest: async (_req: unknown, _res: unknown, doc: OpenAPIObject) => {
      const answers = await upstream.getAll('/openapi.json');
      return mergeOpenApi(
        doc,
        answers
          .filter((a) => a.ok)
          .map((a) => ({ service: a.service, doc: a.body as OpenAPIObject })),
      );
    },
  });
}
