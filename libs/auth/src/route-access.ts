import FindMyWay from 'find-my-way';
import { ROUTE_SCOPES, type RouteAccess, type RouteScope } from '@inventory/contracts';

type Router = FindMyWay.Instance<FindMyWay.HTTPVersion.V1>;

/**
 * ROUTE_SCOPES as a router (find-my-way, the one Fastify routes with, so a path matches the
 * same entry here as the route it reaches in a service). HEAD is answered like GET.
 */
export class RouteAccessTable {
  private readonly router: Router = FindMyWay();
  private readonly exact = new Map<string, RouteAccess>();

  constructor(readonly entries: readonly RouteScope[] = ROUTE_SCOPES) {
    for (const entry of entries) {
      this.router.on(entry.method, entry.path, () => undefined, { access: entry.access });
      this.exact.set(`${entry.method} ${entry.path}`, entry.access);
    }
  }

  /** Access of a registered route, by its template (`/V1/inventory/sources/:sourceCode`). */
  forRoute(method: string, template: string): RouteAccess | undefined {
    const m = method === 'HEAD' ? 'GET' : method;
    return this.exact.get(`${m} ${template}`) ?? this.forPath(m, template);
  }

  /** Access of a request path (query string allowed), for requests no route template names. */
  forPath(method: string, path: string): RouteAccess | undefined {
    const m = method === 'HEAD' ? 'GET' : method;
    try {
      const found = this.router.find(m as FindMyWay.HTTPMethod, path);
      return (found?.store as { access: RouteAccess } | undefined)?.access;
    } catch {
      return undefined; // a malformed path matches nothing (it still needs credentials)
    }
  }
}
