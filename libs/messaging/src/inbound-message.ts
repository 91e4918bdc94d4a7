import { EventPattern } from '@nestjs/microservices';
import { ClassConstructor } from 'class-transformer';

/** What a Kafka handler receives: a validated payload plus the envelope it came in. */
export interface InboundMessage<T = unknown> {
  /** Logical topic name (without the deployment's topic prefix). */
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  eventId: string;
  eventType: string;
  headers: Record<string, string>;
  payload: T;
}

export interface KafkaHandlerOptions {
  /**
   * Payload class per message type (class-validator rules apply). The type is read from the
   * `event-type` header or, for messages from outside systems, the payload's `type` field.
   */
  types: Record<string, ClassConstructor<object>>;
  /** A type not listed in `types`: dead-letter it (default) or skip it (topics shared by many types). */
  unknownTypes?: 'dead-letter' | 'ignore';
  /**
   * Types of this topic meant for other services: skipped, while any other type not in `types`
   * is still dead-lettered (so a misspelt or new type is seen, not silently dropped).
   */
  ignoredTypes?: readonly string[];
  /** Attempts for a handler that throws a retryable error before the message is dead-lettered. */
  maxAttempts?: number;
  /**
   * Messages with different keys of one partition handled at once (default 1: one message at a
   * time). Order is kept per key, which is what every topic's key promises; an offset is
   * committed once it and every earlier one of its partition is handled, so a crash redelivers
   * what was not finished (handlers are idempotent). For topics whose messages are independent
   * per key, such as orders.
   */
  keyConcurrency?: number;
}

export const KAFKA_HANDLER_EXTRAS = 'kafkaHandler';

/** Marks a controller method as the handler of one topic; the transport validates before calling it. */
export function KafkaHandler(topic: string, options: KafkaHandlerOptions): MethodDecorator {
  return EventPattern(topic, { [KAFKA_HANDLER_EXTRAS]: options });
}

/** Thrown (or any error with `retryable: false`) when retrying cannot help: dead-letter at once. */
export class PermanentMessageError extends Error {
  readonly retryable = false;
}
