import { SignJWT } from 'jose';
import { Authenticator, apiKeyEntry, generateApiKey, isPrincipal } from '@inventory/auth';

const SECRET = 'unit-test-secret-with-at-least-32-chars';
const key = generateApiKey();
const readerKey = generateApiKey();

async function token(
  claims: Record<string, unknown>,
  {
    secret = SECRET,
    exp = '5m' as string | number,
    iss = 'https://idp.test',
    aud = 'inventory',
  } = {},
): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('client-1')
    .setIssuer(iss)
    .setAudience(aud)
    .setIssuedAt()
    .setExpirationTime(exp)
    .sign(new TextEncoder().encode(secret));
}

const auth = new Authenticator({
  AUTH_API_KEYS: [
    apiKeyEntry('ops', key, ['inventory:admin', 'inventory:read']),
    apiKeyEntry('reader', readerKey, ['inventory:read']),
  ].join(','),
  AUTH_JWT_SECRET: SECRET,
  AUTH_JWT_ISSUER: 'https://idp.test',
  AUTH_JWT_AUDIENCE: 'inventory',
});

const scopesOf = async (headers: Record<string, string>) => {
  const r = await auth.authenticate(headers);
  return isPrincipal(r) ? [r.id, [...r.scopes].sort()] : r;
};

describe('Authenticator', () => {
  it('accepts an API key in X-API-Key or as a bearer credential, synchronously', () => {
    const direct = auth.authenticate({ 'x-api-key': key });
    expect(direct).not.toBeInstanceOf(Promise);
    expect(isPrincipal(direct as never) && (direct as { id: string }).id).toBe('key:ops');
    expect(auth.authenticate({ authorization: `Bearer ${readerKey}` })).toMatchObject({
      id: 'key:reader',
    });
  });

  it('refuses missing, unknown and malformed credentials', async () => {
    expect(await scopesOf({})).toBe('missing');
    expect(await scopesOf({ 'x-api-key': 'inv_guessed' })).toBe('invalid');
    expect(
      await scopesOf({ authorization: `Basic ${Buffer.from('a:b').toString('base64')}` }),
    ).toBe('invalid');
    expect(await scopesOf({ authorization: 'Bearer' })).toBe('invalid');
  });

  it('verifies HS256 tokens and reads scope or scp, keeping only known scopes', async () => {
    expect(
      await scopesOf({
        authorization: `Bearer ${await token({ scope: 'inventory:checkout openid inventory:read' })}`,
      }),
    ).toEqual(['jwt:https://idp.test|client-1', ['inventory:checkout', 'inventory:read']]);
    expect(
      await scopesOf({ authorization: `Bearer ${await token({ scp: ['inventory:admin'] })}` }),
    ).toEqual(['jwt:https://idp.test|client-1', ['inventory:admin']]);
  });

  it('refuses expired, forged, foreign and unsigned tokens', async () => {
    const past = Math.floor(Date.now() / 1000) - 3600;
    const bearer = async (t: string | Promise<string>) =>
      scopesOf({ authorization: `Bearer ${await t}` });
    expect(await bearer(token({ scope: 'inventory:read' }, { exp: past }))).toBe('expired');
    expect(
      await bearer(
        token({ scope: 'inventory:admin' }, { secret: 'another-secret-of-32-characters-xx' }),
      ),
    ).toBe('invalid');
    expect(await bearer(token({ scope: 'inventory:read' }, { iss: 'https://evil.test' }))).toBe(
      'invalid',
    );
    expect(await bearer(token({ scope: 'inventory:read' }, { aud: 'another-app' }))).toBe(
      'invalid',
    );
    const [h, p] = (await token({ scope: 'inventory:admin' })).split('.');
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${p}.`;
    expect(await bearer(none)).toBe('invalid');
    // The payload of a valid token with a raised scope: the signature no longer matches.
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
    const raised = Buffer.from(JSON.stringify({ ...claims, scope: 'inventory:admin' })).toString(
      'base64url',
    );
    const sig = (await token({ scope: 'inventory:read' })).split('.')[2];
    expect(await bearer(`${h}.${raised}.${sig}`)).toBe('invalid');
  });

  it('answers a token seen before without a signature check until it expires', async () => {
    const t = await token({ scope: 'inventory:read' });
    expect(await auth.authenticate({ authorization: `Bearer ${t}` })).toMatchObject({
      id: 'jwt:https://idp.test|client-1',
    });
    expect(auth.authenticate({ authorization: `Bearer ${t}` })).not.toBeInstanceOf(Promise);
  });

  it('treats a JWT-shaped bearer as an API key when no token settings exist', () => {
    const keysOnly = new Authenticator({
      AUTH_API_KEYS: apiKeyEntry('k', 'a.b.c', ['inventory:read']),
    });
    expect(keysOnly.authenticate({ authorization: 'Bearer a.b.c' })).toMatchObject({ id: 'key:k' });
  });
});
