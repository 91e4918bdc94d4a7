import { FORBIDDEN_MESSAGE, UNAUTHENTICATED_MESSAGE } from '@inventory/auth';
import { ROUTE_SCOPES, RouteScope, SCOPES, Scope, routeFor } from '@inventory/contracts';
import { json, waitFor } from '@inventory/testing';
import { SecuritySuite, call } from './suite';

/** A concrete request path for a table entry: parameters filled, wildcards given a tail. */
function concrete(entry: RouteScope): string {
  if (entry.path === '/docs/*') return '/docs/json';
  return entry.path
    .replace(/:stockId|:requestedQty/g, '987654')
    .replace(/:[A-Za-z]+/g, 'sec-x')
    .replace(/-\*$/, '-algorithm-list')
    .replace(/\/?\*$/, '/sec-x');
}

/** Where the entry's route lives: the owning service, and the gateway when it routes there. */
function targets(suite: SecuritySuite, entry: RouteScope): Array<[string, string]> {
  const owner = routeFor(concrete(entry));
  if (entry.path.startsWith('/docs')) return [['gateway', suite.gateway.url]];
  if (entry.path.startsWith('/diagnostics'))
    return [['source-inventory', suite.services['source-inventory'].url]];
  if (!owner)
    return [
      ['gateway', suite.gateway.url],
      ['stock-aggregation', suite.services['stock-aggregation'].url],
    ];
  return [
    ['gateway', suite.gateway.url],
    [owner, suite.services[owner].url],
  ];
}

const decided = ROUTE_SCOPES.filter((r) => r.access !== 'public');

describe('access control over the REST API', () => {
  const suite = new SecuritySuite();

  beforeAll(() => suite.start(), 240000);
  afterAll(() => suite.stop());

  const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

  it('lets every public route through without credentials', async () => {
    for (const entry of ROUTE_SCOPES.filter((r) => r.access === 'public'))
      for (const [where, base] of targets(suite, entry)) {
        if (entry.path.startsWith('/openapi') && where === 'gateway') continue; // services only
        const res = await call(base, entry.method, concrete(entry));
        expect([where, entry.path, res.status]).toEqual([where, entry.path, 200]);
      }
  });

  it.each(SCOPES)(
    'gives a %s key every route of its scope and 403 on every other, at the gateway and the service',
    async (scope: Scope) => {
      const key = suite.secrets.keys[scope];
      const wrong: string[] = [];
      for (const entry of decided)
        for (const [where, base] of targets(suite, entry)) {
          const res = await call(base, entry.method, concrete(entry), bearer(key), {});
          const what = `${entry.method} ${entry.path} at ${where}: ${res.status}`;
          if (entry.access === scope) {
            if (res.status === 401 || res.status === 403) wrong.push(`${what}, expected access`);
          } else if (res.status !== 403) {
            wrong.push(`${what}, expected 403`);
          } else {
            const body = await json(res);
            if (body.message !== FORBIDDEN_MESSAGE || body.parameters.resources !== entry.access)
              wrong.push(`${what}: body ${JSON.stringify(body)}`);
          }
        }
      expect(wrong).toEqual([]);
    },
    120000,
  );

  it('answers 401 without credentials or with unknown ones on every decided route', async () => {
    const wrong: string[] = [];
    for (const entry of decided)
      for (const [where, base] of targets(suite, entry))
        for (const headers of [
          {},
          { 'x-api-key': 'inv_not-a-key' },
          bearer('inv_not-a-key'),
        ] as Array<Record<string, string>>) {
          const res = await call(base, entry.method, concrete(entry), headers, {});
          const body = res.status === 401 ? await json(res) : undefined;
          if (res.status !== 401 || body.message !== UNAUTHENTICATED_MESSAGE)
            wrong.push(`${entry.method} ${entry.path} at ${where}: ${res.status}`);
        }
    expect(wrong).toEqual([]);
  }, 120000);

  it('sends Magento-style 401 and 403 bodies', async () => {
    const none = await call(suite.gateway.url, 'GET', '/V1/inventory/sources');
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer realm="inventory"');
    expect(await json(none)).toEqual({
      message: UNAUTHENTICATED_MESSAGE,
      parameters: { reason: 'no credentials were sent' },
    });
    const forbidden = await call(
      suite.services['stock-aggregation'].url,
      'PUT',
      '/V1/inventory/configuration',
      { 'x-api-key': suite.secrets.keys['inventory:checkout'] },
      {},
    );
    expect(forbidden.status).toBe(403);
    expect(forbidden.headers.get('x-served-by')).toBe('stock-aggregation');
    expect(await json(forbidden)).toEqual({
      message: "The consumer isn't authorized to access %resources.",
      parameters: { resources: 'inventory:admin' },
    });
  });

  it('changes nothing for a refused write: the source stays absent', async () => {
    const source = {
      source: {
        source_code: 'sec-refused',
        name: 'x',
        enabled: true,
        country_id: 'DE',
        postcode: '1',
      },
    };
    const read = { 'x-api-key': suite.secrets.keys['inventory:read'] };
    for (const [base, headers] of [
      [suite.gateway.url, {}],
      [suite.gateway.url, read],
      [suite.gateway.url, { 'x-api-key': suite.secrets.keys['inventory:checkout'] }],
      [suite.services['source-inventory'].url, read],
    ] as const) {
      const res = await call(base, 'POST', '/V1/inventory/sources', headers, source);
      expect([401, 403]).toContain(res.status);
    }
    // An accepted write of another source, made after the refused ones, is visible: so the
    // refused ones would be too, had they been taken.
    const admin = { 'x-api-key': suite.secrets.keys['inventory:admin'] };
    const other = { source: { ...source.source, source_code: 'sec-accepted' } };
    expect((await call(suite.gateway.url, 'POST', '/V1/inventory/sources', admin, other)).ok).toBe(
      true,
    );
    expect(
      (await call(suite.gateway.url, 'GET', '/V1/inventory/sources/sec-accepted', read)).status,
    ).toBe(200);
    expect(
      (await call(suite.gateway.url, 'GET', '/V1/inventory/sources/sec-refused', read)).status,
    ).toBe(404);
  });

  it('accepts the API key in X-API-Key and as a bearer credential', async () => {
    const key = suite.secrets.keys['inventory:read'];
    for (const headers of [{ 'x-api-key': key }, bearer(key), { authorization: `bearer ${key}` }])
      expect((await call(suite.gateway.url, 'GET', '/V1/inventory/sources', headers)).status).toBe(
        200,
      );
  });

  it('accepts HS256 tokens with the scopes they carry, and refuses expired and forged ones', async () => {
    const gw = suite.gateway.url;
    const direct = suite.services['source-inventory'].url;
    const reader = await suite.token('inventory:read openid');
    for (const base of [gw, direct]) {
      expect((await call(base, 'GET', '/V1/inventory/sources', bearer(reader))).status).toBe(200);
      const write = await call(base, 'POST', '/V1/inventory/sources', bearer(reader), {});
      expect(write.status).toBe(403);
    }
    const past = Math.floor(Date.now() / 1000) - 3600;
    const expired = await call(
      gw,
      'GET',
      '/V1/inventory/sources',
      bearer(await suite.token('inventory:read', { exp: past })),
    );
    expect(expired.status).toBe(401);
    expect((await json(expired)).parameters.reason).toBe('the token has expired');
    expect(expired.headers.get('www-authenticate')).toContain('invalid_token');
    const forged = await suite.token('inventory:admin', {
      secret: 'a-secret-that-is-not-the-configured-one-00',
    });
    for (const base of [gw, direct]) {
      const res = await call(base, 'POST', '/V1/inventory/sources', bearer(forged), {});
      expect(res.status).toBe(401);
      expect((await json(res)).parameters.reason).toBe('the credentials are not valid');
    }
  });

  it('guards the salability reads the gateway answers itself', async () => {
    const path = '/V1/inventory/get-product-salable-quantity/SEC-SKU/1';
    expect((await call(suite.gateway.url, 'GET', path)).status).toBe(401);
    const checkout = bearer(suite.secrets.keys['inventory:checkout']);
    expect((await call(suite.gateway.url, 'GET', path, checkout)).status).toBe(403);
    const read = bearer(suite.secrets.keys['inventory:read']);
    // Answered at the edge once the read model is current, proxied before: either way with the key.
    const res = await waitFor(
      async () => {
        const r = await call(suite.gateway.url, 'GET', path, read);
        return r.headers.get('x-served-by') === 'gateway' ? r : undefined;
      },
      { what: 'the gateway to answer salability itself', timeoutMs: 30000, intervalMs: 500 },
    );
    expect(res.status).not.toBe(401);
    expect(res.status).not.toBe(403);
  });

  it('has an access decision for every route every app registers, and no entry for a missing one', () => {
    // Each app logs, at debug, every route it registered on Fastify (Nest controllers, routes
    // added to Fastify directly, HEAD twins) with its entry in ROUTE_SCOPES.
    const registered = new Map<string, Array<{ route: string; access: string }>>();
    for (const [name, process] of [
      ...Object.entries(suite.services),
      ['gateway', suite.gateway] as const,
    ]) {
      const line = process
        .output()
        .split('\n')
        .find((l) => l.includes('"msg":"routes and the access each needs"'));
      registered.set(name, line ? JSON.parse(line).routes : []);
    }
    for (const [name, routes] of registered)
      expect([name, routes.length > 6]).toEqual([name, true]);
    const undecided = [...registered].flatMap(([name, routes]) =>
      routes.filter((r) => r.access === 'undecided').map((r) => `${name}: ${r.route}`),
    );
    expect(undecided).toEqual([]);
    const all = new Set([...registered.values()].flat().map((r) => r.route));
    const stale = ROUTE_SCOPES.filter((r) => !r.path.endsWith('*'))
      .map((r) => `${r.method} ${r.path}`)
      .filter((r) => !all.has(r));
    expect(stale).toEqual([]);
    // The gateway's proxy prefixes are decided per request path: the tests above cover them.
    expect(registered.get('gateway')).toContainEqual({
      route: 'POST /V1/inventory/checkout/*',
      access: 'per-path',
    });
  });

  it('never writes a secret to any log, at debug level with credentials sent and refused', async () => {
    const output = suite.output();
    // The lines that would carry them were written: request headers of refusals, the config.
    expect(output).toContain('"msg":"request not authenticated"');
    expect(output).toContain('"msg":"configuration"');
    expect(output).toContain('"authorization":"[redacted]"');
    expect(output).toContain('"x-api-key":"[redacted]"');
    expect(output).toContain('"AUTH_JWT_SECRET":"[redacted]"');
    const secrets = [
      ...Object.values(suite.secrets.keys),
      suite.secrets.jwtSecret,
      suite.secrets.databasePassword,
      suite.secrets.redisPassword,
      ...suite.tokens,
    ];
    expect(secrets.filter((s) => output.includes(s))).toEqual([]);
  });

  it('needs credentials for unknown paths too, then answers 404', async () => {
    const read = bearer(suite.secrets.keys['inventory:read']);
    for (const base of [suite.gateway.url, suite.services.reservations.url]) {
      expect((await call(base, 'GET', '/V1/inventory/no-such-route')).status).toBe(401);
      expect((await call(base, 'GET', '/V1/inventory/no-such-route', read)).status).toBe(404);
    }
  });
});
