/** Kafka headers every integration message carries (values are UTF-8 strings). */
export const HEADERS = {
  eventId: 'event-id',
  eventType: 'event-type',
  schemaVersion: 'schema-version',
  correlationId: 'correlation-id',
  causationId: 'causation-id',
  producer: 'producer',
  occurredAt: 'occurred-at',
} as const;

/** Headers added to a dead letter, next to the original ones. */
export const DLQ_HEADERS = {
  reason: 'dlq-reason',
  error: 'dlq-error',
  originalTopic: 'dlq-original-topic',
  originalPartition: 'dlq-original-partition',
  originalOffset: 'dlq-original-offset',
  consumerGroup: 'dlq-consumer-group',
  failedAt: 'dlq-failed-at',
} as const;

/** Set on a dead letter republished to its topic by `replay-dead-letters`: `<dlq topic>:<partition>:<offset>`. */
export const REPLAYED_FROM_HEADER = 'dlq-replayed-from';

/** Why a message was dead-lettered: the `dlq-reason` header (docs/backbone.md). */
export const DEAD_LETTER_REASONS = [
  'unparseable',
  'invalid',
  'unknown_type',
  'handler_failed',
] as const;
export type DeadLetterReason = (typeof DEAD_LETTER_REASONS)[number];
