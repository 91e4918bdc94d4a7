import type { OpenAPIObject } from '@nestjs/swagger';
import { DomainServiceName, routeFor } from '@inventory/contracts';

/**
 * One document for the public API: each service contributes the paths the gateway routes to it
 * (internal paths such as /health stay out), tagged with the service name.
 */
export function mergeOpenApi(
  base: OpenAPIObject,
  docs: Array<{ service: DomainServiceName; doc: OpenAPIObject }>,
): OpenAPIObject {
  const merged: OpenAPIObject = {
    ...base,
    paths: { ...base.paths },
    components: { ...base.components, schemas: { ...(base.components?.schemas ?? {}) } },
    tags: [...(base.tags ?? [])],
  };
  for (const { service, doc } of docs) {
    merged.tags!.push({ name: service, description: doc.info?.description });
    for (const [path, item] of Object.entries(doc.paths ?? {})) {
      if (routeFor(path) !== service) continue;
      const tagged = Object.fromEntries(
        Object.entries(item).map(([method, op]) =>
          typeof op === 'object' && op && 'responses' in op
            ? [method, { ...op, tags: [service, ...((op as { tags?: string[] }).tags ?? [])] }]
            : [method, op],
        ),
      );
      merged.paths[path] = tagged;
    }
    Object.assign(merged.components!.schemas!, doc.components?.schemas ?? {});
  }
  return merged;
}
