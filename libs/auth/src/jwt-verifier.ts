import {
  createRemoteJWKSet,
  errors,
  jwtVerify,
  type JWTPayload,
  type JWTVerifyGetKey,
  type JWTVerifyOptions,
} from 'jose';
import { SCOPES, type Scope } from '@inventory/contracts';
import type { AuthResult, Principal } from './principal';

export interface JwtSettings {
  AUTH_JWT_SECRET?: string;
  AUTH_JWT_JWKS_URL?: string;
  AUTH_JWT_ISSUER?: string;
  AUTH_JWT_AUDIENCE?: string;
}

/** Asymmetric algorithms accepted from a JWKS; HS256 only with the shared secret. */
const JWKS_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
];
const CLOCK_TOLERANCE_S = 30;
const CACHE_ENTRIES = 10_000;

/** OAuth 2.0 `scope` (space-separated) or `scp` (a list or a string), keeping only ours. */
function scopesOf(payload: JWTPayload): Set<Scope> {
  const raw = payload.scope ?? payload.scp;
  const list = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(' ') : [];
  return new Set(list.filter((s): s is Scope => (SCOPES as readonly string[]).includes(s)));
}

/**
 * Bearer JWTs verified with jose: signature (HS256 secret and/or the JWKS), `exp`/`nbf` with
 * 30 s of clock skew, and issuer and audience when configured. A verified token is remembered
 * until it expires, so a client reusing its token costs a map lookup, not a signature check.
 */
export class JwtVerifier {
  private readonly secret?: Uint8Array;
  private readonly jwks?: JWTVerifyGetKey;
  private readonly options: JWTVerifyOptions;
  private readonly cache = new Map<string, Principal>();

  private constructor(settings: JwtSettings) {
    if (settings.AUTH_JWT_SECRET) this.secret = new TextEncoder().encode(settings.AUTH_JWT_SECRET);
    if (settings.AUTH_JWT_JWKS_URL)
      this.jwks = createRemoteJWKSet(new URL(settings.AUTH_JWT_JWKS_URL));
    this.options = {
      issuer: settings.AUTH_JWT_ISSUER || undefined,
      audience: settings.AUTH_JWT_AUDIENCE?.split(',').map((a) => a.trim()) || undefined,
      clockTolerance: CLOCK_TOLERANCE_S,
    };
  }

  static fromSettings(settings: JwtSettings): JwtVerifier | undefined {
    return settings.AUTH_JWT_SECRET || settings.AUTH_JWT_JWKS_URL
      ? new JwtVerifier(settings)
      : undefined;
  }

  /** The remembered answer for a token seen before, without a promise; undefined otherwise. */
  cached(token: string): Principal | 'expired' | undefined {
    const hit = this.cache.get(token);
    if (!hit) return undefined;
    if (hit.expiresAt! + CLOCK_TOLERANCE_S > Date.now() / 1000) return hit;
    this.cache.delete(token);
    return 'expired';
  }

  async verify(token: string): Promise<AuthResult> {
    const hit = this.cached(token);
    if (hit) return hit;
    const payload = await this.verifyWithAnyKey(token);
    if (typeof payload === 'string') return payload;
    const principal: Principal = {
      id: `jwt:${payload.iss ?? ''}|${payload.sub ?? payload.client_id ?? ''}`,
      scopes: scopesOf(payload),
      expiresAt: payload.exp,
    };
    // Only tokens that expire are remembered, and only for as long as they are valid.
    if (payload.exp !== undefined) {
      if (this.cache.size >= CACHE_ENTRIES) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(token, principal);
    }
    return principal;
  }

  private async verifyWithAnyKey(token: string): Promise<JWTPayload | 'invalid' | 'expired'> {
    const attempts: Array<() => Promise<{ payload: JWTPayload }>> = [];
    if (this.secret)
      attempts.push(() =>
        jwtVerify(token, this.secret!, { ...this.options, algorithms: ['HS256'] }),
      );
    if (this.jwks)
      attempts.push(() =>
        jwtVerify(token, this.jwks!, { ...this.options, algorithms: JWKS_ALGORITHMS }),
      );
    let result: 'invalid' | 'expired' = 'invalid';
    for (const attempt of attempts) {
      try {
        return (await attempt()).payload;
      } catch (err) {
        // An expired token is expired whichever key signed it; anything else tries the next key.
        if (err instanceof errors.JWTExpired) result = 'expired';
      }
    }
    return result;
  }
}
