import { createServer, type Server } from 'http';
import { SignJWT, exportJWK, generateKeyPair, type KeyLike } from 'jose';
import { Authenticator, isPrincipal } from '@inventory/auth';

/** Tokens of an identity provider, verified against its JWKS served over HTTP on loopback. */
describe('JWT bearer tokens from a JWKS', () => {
  let server: Server;
  let url: string;
  let signing: KeyLike;
  let stranger: KeyLike;
  let fetches = 0;

  beforeAll(async () => {
    const pair = await generateKeyPair('ES256');
    signing = pair.privateKey;
    stranger = (await generateKeyPair('ES256')).privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
    server = createServer((_req, res) => {
      fetches++;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}/jwks.json`;
  });

  afterAll(() => new Promise((r) => server.close(r)));

  const token = (key: KeyLike, claims: Record<string, unknown>, aud = 'inventory', kid = 'k1') =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid })
      .setIssuer('https://idp.test/')
      .setAudience(aud)
      .setSubject('svc-checkout')
      .setExpirationTime('5m')
      .sign(key);

  it('accepts tokens the provider signed, with their scopes, and refuses others', async () => {
    const auth = new Authenticator({
      AUTH_JWT_JWKS_URL: url,
      AUTH_JWT_ISSUER: 'https://idp.test/',
      AUTH_JWT_AUDIENCE: 'inventory',
    });
    const check = async (t: string) => {
      const r = await auth.authenticate({ authorization: `Bearer ${t}` });
      return isPrincipal(r) ? [r.id, [...r.scopes]] : r;
    };
    expect(await check(await token(signing, { scp: ['inventory:checkout'] }))).toEqual([
      'jwt:https://idp.test/|svc-checkout',
      ['inventory:checkout'],
    ]);
    expect(fetches).toBe(1);
    expect(await check(await token(stranger, { scp: ['inventory:admin'] }))).toBe('invalid');
    expect(await check(await token(signing, { scp: ['inventory:read'] }, 'another-app'))).toBe(
      'invalid',
    );
    // An HS256 token where a JWKS is configured: refused (no key confusion).
    const hs = await new SignJWT({ scope: 'inventory:admin' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('https://idp.test/')
      .setAudience('inventory')
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode('x'.repeat(32)));
    expect(await check(hs)).toBe('invalid');
  });
});
