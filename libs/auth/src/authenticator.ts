import { parseApiKeys } from '@inventory/config';
import { hashApiKey } from './api-key';
import { JwtSettings, JwtVerifier } from './jwt-verifier';
import type { AuthResult, Principal } from './principal';

export interface AuthSettings extends JwtSettings {
  AUTH_API_KEYS?: string;
}

type Headers = Record<string, string | string[] | undefined>;

const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

function header(headers: Headers, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Turns a request's credentials into a Principal: `X-API-Key: <key>`, or `Authorization: Bearer
 * <key or JWT>`. A bearer value shaped like a JWT (three dot-separated parts) is verified as one
 * when tokens are configured; anything else is looked up as an API key by its SHA-256 digest.
 * API-key answers are synchronous, so the hot path builds no promise.
 */
export class Authenticator {
  private readonly keys = new Map<string, Principal>();
  private readonly jwt?: JwtVerifier;

  constructor(settings: AuthSettings) {
    if (settings.AUTH_API_KEYS)
      for (const entry of parseApiKeys(settings.AUTH_API_KEYS).entries)
        this.keys.set(entry.sha256, { id: `key:${entry.name}`, scopes: new Set(entry.scopes) });
    this.jwt = JwtVerifier.fromSettings(settings);
  }

  authenticate(headers: Headers): AuthResult | Promise<AuthResult> {
    const apiKey = header(headers, 'x-api-key');
    if (apiKey !== undefined) return this.byKey(apiKey);
    const authorization = header(headers, 'authorization');
    if (authorization === undefined) return 'missing';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match) return 'invalid';
    const credential = match[1];
    if (this.jwt && JWT_SHAPE.test(credential))
      return this.jwt.cached(credential) ?? this.jwt.verify(credential);
    return this.byKey(credential);
  }

  private byKey(key: string): AuthResult {
    // The digest, not the key, is compared: lookup time reveals nothing about configured keys.
    return key === '' ? 'missing' : (this.keys.get(hashApiKey(key)) ?? 'invalid');
  }
}
