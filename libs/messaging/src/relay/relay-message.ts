import { Message } from 'kafkajs';
import { PermanentMessageError } from '../inbound-message';
import type { RecordedEvent } from '@inventory/event-store';
import { HEADERS } from '@inventory/contracts';

export const RELAY_HEADERS = {
  streamName: 'stream-name',
  streamVersion: 'stream-version',
  checkpoint: 'checkpoint',
} as const;

/** Default key: the stream id, so every event of one stream lands in one partition, in order. */
export function streamIdKey(event: RecordedEvent): string {
  return event.streamName.slice(event.streamName.indexOf('-') + 1);
}

export function toKafkaMessage(event: RecordedEvent, key: string, producer: string): Message {
  const { correlationId, causationId, schemaVersion } = event.metadata;
  const headers: Record<string, string> = {
    [HEADERS.eventId]: event.eventId,
    [HEADERS.eventType]: event.type,
    [HEADERS.schemaVersion]: String(schemaVersion ?? 1),
    [HEADERS.producer]: producer,
    [HEADERS.occurredAt]: event.recordedAt.toISOString(),
    [RELAY_HEADERS.streamName]: event.streamName,
    [RELAY_HEADERS.streamVersion]: String(event.streamVersion),
    [RELAY_HEADERS.checkpoint]: event.checkpoint,
  };
  if (typeof correlationId === 'string') headers[HEADERS.correlationId] = correlationId;
  if (typeof causationId === 'string') headers[HEADERS.causationId] = causationId;
  return { key, value: JSON.stringify(event.data), headers };
}

/**
 * The relay's `stream-version` header of a consumed event: consumers that keep "the newest
 * state per stream" order events by it. Missing or malformed, a late older event could overwrite
 * a newer state, so the message is dead-lettered (PermanentMessageError).
 */
export function streamVersionOf(message: { headers: Record<string, string> }): number {
  const version = Number(message.headers[RELAY_HEADERS.streamVersion]);
  if (!Number.isSafeInteger(version) || version < 0) {
    throw new PermanentMessageError('missing or invalid stream-version header');
  }
  return version;
}
