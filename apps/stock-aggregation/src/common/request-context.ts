import type { Actor } from '@inventory/contracts';

export type Headers = Record<string, string | string[] | undefined>;

/**
 * Who is acting. Until authentication exists, callers name themselves with `X-Actor-Id` /
 * `X-Actor-Type` (as in source-inventory); every event records it.
 */
export function actorFrom(headers: Headers): Actor {
  const id = String(headers['x-actor-id'] ?? '').trim() || 'anonymous';
  const type = String(headers['x-actor-type'] ?? '').trim();
  return {
    type: type === 'integration' || type === 'system' ? type : 'user',
    id: id.slice(0, 128),
  };
}

export const SYSTEM_ACTOR: Actor = { type: 'system', id: 'stock-aggregation' };

/** Commands carry their time; the application takes it here, the domain never reads a clock. */
export function now(): string {
  return new Date().toISOString();
}

export { stockIdParam } from '../domain';
