import Fastify, { FastifyInstance } from 'fastify';
import {
  Authenticator,
  FORBIDDEN_MESSAGE,
  UNAUTHENTICATED_MESSAGE,
  apiKeyEntry,
  installAuth,
} from '@inventory/auth';

const admin = 'inv_admin-key';
const reader = 'inv_reader-key';

describe('installAuth', () => {
  let app: FastifyInstance;
  let hook: ReturnType<typeof installAuth>;
  const handled: string[] = [];

  beforeAll(async () => {
    app = Fastify();
    hook = installAuth(app, {
      match: 'route',
      authenticator: new Authenticator({
        AUTH_API_KEYS: `${apiKeyEntry('ops', admin, ['inventory:admin'])} ${apiKeyEntry('ro', reader, ['inventory:read'])}`,
      }),
    });
    const handler = (name: string) => async () => {
      handled.push(name);
      return { ok: name };
    };
    app.get('/health', handler('health'));
    app.post('/V1/inventory/sources', handler('save'));
    app.get('/V1/inventory/sources/:sourceCode', (req) => ({
      principal: req.principal?.id,
    }));
    app.get('/V1/inventory/not-in-the-table', handler('unlisted'));
    await app.ready();
  });

  afterAll(() => app.close());

  const call = (method: 'GET' | 'POST', url: string, headers: Record<string, string> = {}) =>
    app.inject({ method, url, headers, payload: method === 'POST' ? { source: {} } : undefined });

  it('lets public routes through without credentials', async () => {
    expect((await call('GET', '/health')).statusCode).toBe(200);
  });

  it('answers 401 with a Magento-style body and a challenge, before the handler', async () => {
    handled.length = 0;
    const res = await call('POST', '/V1/inventory/sources');
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({
      message: UNAUTHENTICATED_MESSAGE,
      parameters: { reason: 'no credentials were sent' },
    });
    expect(res.headers['www-authenticate']).toBe('Bearer realm="inventory"');
    const wrong = await call('POST', '/V1/inventory/sources', { 'x-api-key': 'inv_nope' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().parameters.reason).toBe('the credentials are not valid');
    expect(handled).toEqual([]);
  });

  it('answers 403 naming the scope the route needs, before the handler', async () => {
    handled.length = 0;
    const res = await call('POST', '/V1/inventory/sources', { authorization: `Bearer ${reader}` });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toEqual({
      message: FORBIDDEN_MESSAGE,
      parameters: { resources: 'inventory:admin' },
    });
    expect(handled).toEqual([]);
    expect((await call('POST', '/V1/inventory/sources', { 'x-api-key': admin })).statusCode).toBe(
      200,
    );
    expect(handled).toEqual(['save']);
  });

  it('gives the handler the principal', async () => {
    const res = await call('GET', '/V1/inventory/sources/eu', { 'x-api-key': reader });
    expect(res.json()).toEqual({ principal: 'key:ro' });
    expect((await call('GET', '/V1/inventory/sources/eu', { 'x-api-key': admin })).statusCode).toBe(
      403,
    );
  });

  it('refuses a registered route without an entry, and reports it as uncovered', async () => {
    const res = await call('GET', '/V1/inventory/not-in-the-table', { 'x-api-key': admin });
    expect(res.statusCode).toBe(403);
    expect(res.json().parameters.resources).toBe('GET /V1/inventory/not-in-the-table');
    expect(hook.uncoveredRoutes()).toEqual([
      'GET /V1/inventory/not-in-the-table',
      'HEAD /V1/inventory/not-in-the-table',
    ]);
    expect(hook.routes()).toContainEqual({
      route: 'POST /V1/inventory/sources',
      access: 'inventory:admin',
    });
  });

  it('needs credentials of any scope for an unknown path, then answers 404', async () => {
    expect((await call('GET', '/V1/inventory/nothing')).statusCode).toBe(401);
    expect((await call('GET', '/V1/inventory/nothing', { 'x-api-key': reader })).statusCode).toBe(
      404,
    );
  });
});
