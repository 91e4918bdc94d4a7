import type { Actor } from '@inventory/contracts';

/**
 * Who is acting. Until authentication exists (operations issue), callers name themselves with
 * `X-Actor-Id` / `X-Actor-Type`; every event records it, so history answers "who".
 */
export function actorFrom(headers: Record<string, string | string[] | undefined>): Actor {
  const id = String(headers['x-actor-id'] ?? '').trim() || 'anonymous';
  const type = String(headers['x-actor-type'] ?? '').trim();
  return {
    type: type === 'integration' || type === 'system' ? type : 'user',
    id: id.slice(0, 128),
  };
}

export const SYSTEM_ACTOR: Actor = { type: 'system', id: 'source-inventory' };

/** Commands carry their time; the application takes it here, the domain never reads a clock. */
export function now(): string {
  return new Date().toISOString();
}
