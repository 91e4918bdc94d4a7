import { createHash, randomBytes } from 'crypto';
import type { Scope } from '@inventory/contracts';

/** The SHA-256 hex digest under which a key is configured (AUTH_API_KEYS). */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/**
 * A new random key: 256 bits, base64url, with a recognisable prefix so secret scanners and
 * people can tell what leaked. Never contains a dot, so it is never mistaken for a JWT.
 */
export function generateApiKey(): string {
  return `inv_${randomBytes(32).toString('base64url')}`;
}

/** One AUTH_API_KEYS entry for `key`, e.g. `ops:<sha256>:inventory:admin+inventory:read`. */
export function apiKeyEntry(name: string, key: string, scopes: readonly Scope[]): string {
  return `${name}:${hashApiKey(key)}:${scopes.join('+')}`;
}
