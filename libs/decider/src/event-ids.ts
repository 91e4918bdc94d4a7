import { v4 as randomUuid, v5 as uuidV5 } from 'uuid';

/**
 * Namespace of the deterministic event ids. Fixed forever: changing it would give a
 * redelivered command new event ids, and the event store would append it a second time.
 */
export const EVENT_ID_NAMESPACE = 'efa0905c-14d2-49b9-b6b5-89d74b52da4f';

/**
 * The id of the `index`-th event a command produces: a UUID v5 of `<commandId>:<index>`. The
 * same command, delivered again, yields the same ids, which the event store recognises.
 */
export function eventIdFor(commandId: string, index: number): string {
  if (typeof commandId !== 'string' || commandId.length === 0) {
    throw new TypeError('eventIdFor: commandId must be a non-empty string');
  }
  if (!Number.isInteger(index) || index < 0) {
    throw new TypeError('eventIdFor: index must be a non-negative integer');
  }
  return uuidV5(`${commandId}:${index}`, EVENT_ID_NAMESPACE);
}

/** For events of commands without a stable id: a retry of such a command appends again. */
export function randomEventId(): string {
  return randomUuid();
}
