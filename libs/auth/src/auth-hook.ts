import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { RouteAccess } from '@inventory/contracts';
import { Authenticator } from './authenticator';
import { AuthResult, isPrincipal, type AuthFailure, type Principal } from './principal';
import { challenge, forbiddenBody, unauthenticatedBody } from './responses';
import { RouteAccessTable } from './route-access';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set once the request's credentials are verified (undefined on public routes). */
    principal?: Principal;
  }
}

export interface AuthHookOptions {
  authenticator: Authenticator;
  table?: RouteAccessTable;
  /**
   * How a request's entry is found: `route`, by the template of the route it matched (a
   * service); `path`, by its path (the gateway, whose proxy routes are prefixes).
   */
  match: 'route' | 'path';
  /** Refusals are logged at debug, with the request's headers (pino redacts credentials). */
  logger?: Logger;
  /** Routes the boot check leaves to the table's paths (the gateway's proxy prefixes). */
  unchecked?: (method: string, url: string) => boolean;
}

export interface RouteDecision {
  /** `METHOD /template` as registered. */
  route: string;
  /** `per-path`: left to the table's paths (`unchecked`); `undecided`: no entry (refused). */
  access: RouteAccess | 'per-path' | 'undecided';
}

export interface AuthHook {
  /** Every route registered since the hook was installed, with the access it needs. */
  routes(): RouteDecision[];
  /** Registered routes without an entry in the table, as `METHOD /template`. */
  uncoveredRoutes(): string[];
}

const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * Authentication and scope check of every request, in one Fastify onRequest hook, before the
 * body is read and before any handler or proxy runs: a refused request changes nothing.
 * Public routes (health, metrics, API docs) pass without credentials. A request that matches no
 * entry needs valid credentials of any scope (it ends in a 404, or at the gateway in the
 * service, which decides); a registered route without an entry is refused (fail closed).
 */
export function installAuth(fastify: FastifyInstance, options: AuthHookOptions): AuthHook {
  const table = options.table ?? new RouteAccessTable();
  const routes: Array<{ method: string; url: string }> = [];
  fastify.decorateRequest('principal', undefined);
  fastify.addHook('onRoute', (route) => {
    for (const method of [route.method].flat())
      if (method !== 'OPTIONS') routes.push({ method, url: route.url });
  });

  const accessOf = (request: FastifyRequest): RouteAccess | 'undecided' | undefined => {
    const template = request.routeOptions.url;
    if (options.match === 'route' && template !== undefined)
      return table.forRoute(request.method, template) ?? 'undecided';
    return table.forPath(request.method, request.url);
  };

  const refuse = (
    request: FastifyRequest,
    reply: FastifyReply,
    status: 401 | 403,
    reason: AuthFailure | string,
  ): void => {
    options.logger?.debug(
      { req: { method: request.method, url: request.url, headers: request.headers }, reason },
      status === 401 ? 'request not authenticated' : 'request not authorized',
    );
    if (status === 401) reply.header('www-authenticate', challenge(reason as AuthFailure));
    void reply
      .code(status)
      .type(JSON_TYPE)
      .send(status === 401 ? unauthenticatedBody(reason as AuthFailure) : forbiddenBody(reason));
  };

  fastify.addHook('onRequest', (request, reply, done) => {
    const access = accessOf(request);
    if (access === 'public') return done();
    const decide = (result: AuthResult): void => {
      if (!isPrincipal(result)) return refuse(request, reply, 401, result);
      request.principal = result;
      if (access === 'undecided')
        return refuse(request, reply, 403, `${request.method} ${request.routeOptions.url}`);
      if (access !== undefined && !result.scopes.has(access))
        return refuse(request, reply, 403, access);
      done();
    };
    const result = options.authenticator.authenticate(request.headers);
    if (result instanceof Promise) result.then(decide, done);
    else decide(result);
  });

  const decisions = (): RouteDecision[] =>
    routes.map(({ method, url }) => ({
      route: `${method} ${url}`,
      access: options.unchecked?.(method, url)
        ? 'per-path'
        : (table.forRoute(method, url) ?? 'undecided'),
    }));
  return {
    routes: decisions,
    uncoveredRoutes: () =>
      decisions()
        .filter((d) => d.access === 'undecided')
        .map((d) => d.route),
  };
}

/**
 * Boot check, once every route is registered: a route without an entry in ROUTE_SCOPES stops
 * the start (it would answer 403 to everyone). The table of routes and their access is logged
 * at debug, for operators and for test/security, which reads it.
 */
export function checkRouteAccess(hook: AuthHook, logger: Logger): void {
  logger.debug({ routes: hook.routes() }, 'routes and the access each needs');
  const uncovered = hook.uncoveredRoutes();
  if (uncovered.length > 0)
    throw new Error(
      `routes without an access decision in ROUTE_SCOPES (libs/contracts/src/route-scopes.ts): ${uncovered.join(', ')}`,
    );
}
