import { assertCheckpoint, type Checkpoint } from './checkpoint';
import { EventStoreArgumentError } from './errors';
import type { EventMetadata, NewEvent } from './events';
import { isExpectedVersion, MAX_STREAM_VERSION, type ExpectedVersion } from './expected-version';
import type { BacklogOptions, ReadAllOptions, ReadStreamOptions } from './event-store';
import { assertCategory, parseStreamName } from './stream-name';

/**
 * Argument checks shared by every adapter, so that they reject the same inputs with the same
 * errors before touching storage.
 */
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const MAX_READ_LIMIT = 100_000;

/** A validated append: ids lower-cased, data and metadata serialised once. */
export interface PreparedAppend {
  streamName: string;
  category: string;
  expected: ExpectedVersion;
  events: PreparedEvent[];
}

export interface PreparedEvent {
  eventId: string;
  type: string;
  dataJson: string;
  metadataJson: string;
}

export function prepareAppend(
  streamName: string,
  events: readonly NewEvent[],
  expected: ExpectedVersion,
): PreparedAppend {
  const { category } = parseStreamName(streamName);
  if (!isExpectedVersion(expected)) {
    throw new EventStoreArgumentError(`invalid expected version ${JSON.stringify(expected)}`);
  }
  if (!Array.isArray(events) || events.length === 0) {
    throw new EventStoreArgumentError('an append needs at least one event');
  }
  const seen = new Set<string>();
  const prepared = events.map((event, index) => {
    const eventId = typeof event?.eventId === 'string' ? event.eventId.toLowerCase() : '';
    if (!UUID_PATTERN.test(eventId)) {
      throw new EventStoreArgumentError(`event ${index}: eventId must be a UUID`);
    }
    if (seen.has(eventId)) throw new EventStoreArgumentError(`event ${index}: duplicate eventId`);
    seen.add(eventId);
    if (typeof event.type !== 'string' || event.type.length === 0 || event.type.startsWith('$')) {
      throw new EventStoreArgumentError(`event ${index}: type must be non-empty, not '$'-prefixed`);
    }
    return {
      eventId,
      type: event.type,
      dataJson: toJson(event.data, `event ${index}: data`),
      metadataJson: toJson(normaliseMetadata(event.metadata, index), `event ${index}: metadata`),
    };
  });
  return { streamName, category, expected, events: prepared };
}

export function validateReadStream(streamName: string, options: ReadStreamOptions = {}) {
  parseStreamName(streamName);
  const fromVersion = options.fromVersion ?? 0;
  if (!Number.isInteger(fromVersion) || fromVersion < 0 || fromVersion > MAX_STREAM_VERSION) {
    throw new EventStoreArgumentError(`invalid fromVersion ${String(options.fromVersion)}`);
  }
  const maxCount = options.maxCount;
  if (maxCount !== undefined && (!Number.isInteger(maxCount) || maxCount < 0)) {
    throw new EventStoreArgumentError(`invalid maxCount ${String(maxCount)}`);
  }
  return { fromVersion, maxCount };
}

export function validateReadAll(
  after: Checkpoint | null,
  limit: number,
  options: ReadAllOptions = {},
) {
  if (after !== null) assertCheckpoint(after);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_READ_LIMIT) {
    throw new EventStoreArgumentError(`limit must be an integer from 1 to ${MAX_READ_LIMIT}`);
  }
  const categories = options.categories;
  if (categories !== undefined) {
    if (!Array.isArray(categories) || categories.length === 0) {
      throw new EventStoreArgumentError('categories, when given, must be a non-empty array');
    }
    categories.forEach((category) => assertCategory(category));
  }
  return { categories: categories ? [...new Set(categories)] : undefined };
}

export const DEFAULT_BACKLOG_MAX = 100_000;

export function validateBacklog(after: Checkpoint | null, options: BacklogOptions = {}) {
  const max = options.max ?? DEFAULT_BACKLOG_MAX;
  if (!Number.isInteger(max) || max < 1) {
    throw new EventStoreArgumentError('backlog max must be a positive integer');
  }
  // The same rules as readAll's arguments (a limit of 1 stands in for max).
  const { categories } = validateReadAll(after, 1, { categories: options.categories });
  return { categories, max };
}

function normaliseMetadata(metadata: EventMetadata | undefined, index: number): EventMetadata {
  if (metadata === undefined) return {};
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) {
    throw new EventStoreArgumentError(`event ${index}: metadata must be an object`);
  }
  return metadata;
}

function toJson(value: unknown, what: string): string {
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch (error) {
    throw new EventStoreArgumentError(`${what} is not serialisable as JSON`, { cause: error });
  }
  if (json === undefined) throw new EventStoreArgumentError(`${what} is not serialisable as JSON`);
  return json;
}
