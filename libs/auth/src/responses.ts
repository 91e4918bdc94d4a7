import type { AuthFailure } from './principal';

/** Magento-style error bodies (`message` template plus `parameters`), as the rest of the API. */
export interface AuthErrorBody {
  message: string;
  parameters: Record<string, string>;
}

const REASONS: Record<AuthFailure, string> = {
  missing: 'no credentials were sent',
  invalid: 'the credentials are not valid',
  expired: 'the token has expired',
};

export const UNAUTHENTICATED_MESSAGE =
  'Authentication failed: %reason. Send an API key (X-API-Key, or Authorization: Bearer) or a bearer token.';

/** Magento's AuthorizationException phrase, which its REST clients already recognise. */
export const FORBIDDEN_MESSAGE = "The consumer isn't authorized to access %resources.";

export function unauthenticatedBody(failure: AuthFailure): AuthErrorBody {
  return { message: UNAUTHENTICATED_MESSAGE, parameters: { reason: REASONS[failure] } };
}

export function forbiddenBody(resource: string): AuthErrorBody {
  return { message: FORBIDDEN_MESSAGE, parameters: { resources: resource } };
}

/** RFC 6750's challenge; `invalid_token` tells a client to fetch a new token. */
export function challenge(failure: AuthFailure): string {
  return failure === 'missing'
    ? 'Bearer realm="inventory"'
    : 'Bearer realm="inventory", error="invalid_token"';
}
