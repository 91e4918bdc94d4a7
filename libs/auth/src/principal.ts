import type { Scope } from '@inventory/contracts';

/** Who a request comes from, once its credentials were verified. */
export interface Principal {
  /** Stable and not secret: `key:<name>` for API keys, `jwt:<iss>|<sub>` for tokens. */
  id: string;
  scopes: ReadonlySet<Scope>;
  /** Seconds since the epoch after which the credential is no longer valid (tokens only). */
  expiresAt?: number;
}

/** Why a request is not authenticated; the 401 body says which. */
export type AuthFailure = 'missing' | 'invalid' | 'expired';

export type AuthResult = Principal | AuthFailure;

export const isPrincipal = (r: AuthResult): r is Principal => typeof r === 'object';
