import type { Checkpoint } from './checkpoint';

/**
 * Metadata travels with an event but is not part of its meaning. Correlation and causation ids
 * let a chain of commands and events be traced across services; schemaVersion lets a reader
 * upcast old payloads without renaming the event type.
 */
export interface EventMetadata {
  correlationId?: string;
  causationId?: string;
  schemaVersion?: number;
  [key: string]: unknown;
}

/** An event to append. The caller picks the id so that a retried append can be recognised. */
export interface NewEvent<Data = unknown> {
  /** A UUID. Derive it deterministically (e.g. from a command id) where a retry must not append twice. */
  eventId: string;
  type: string;
  /** Plain JSON; it is stored and returned through JSON, so Dates come back as strings. */
  data: Data;
  metadata?: EventMetadata;
}

export interface RecordedEvent<Data = unknown> {
  /** Lower-case UUID, whatever case it was appended with. */
  eventId: string;
  type: string;
  data: Data;
  /** Always an object; `{}` when the event was appended without metadata. */
  metadata: EventMetadata;
  streamName: string;
  /** 0-based position of the event within its stream (KurrentDB calls it the revision). */
  streamVersion: number;
  /** Position in the store-wide commit order; see checkpoint.ts for the format. */
  checkpoint: Checkpoint;
  recordedAt: Date;
}
