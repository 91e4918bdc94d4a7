import { StreamNameError } from './errors';

/**
 * Stream names are `<category>-<id>`: the category is everything before the first '-', so it
 * cannot contain one, while the id may (UUIDs do). This is KurrentDB's `$ce-<category>`
 * convention, and the category is what a service's relay filters `readAll` by.
 *
 * Categories start with a letter and contain letters, digits and '_' (no '$': that prefix is
 * reserved for KurrentDB system streams). Ids are printable, without whitespace.
 */
const CATEGORY_PATTERN = /^[A-Za-z][A-Za-z0-9_]*$/;
const ID_PATTERN = /^[\x21-\x7e]+$/;
export const MAX_STREAM_NAME_LENGTH = 200;

export interface ParsedStreamName {
  category: string;
  id: string;
}

export function parseStreamName(streamName: unknown): ParsedStreamName {
  if (typeof streamName !== 'string') throw new StreamNameError(streamName, 'not a string');
  if (streamName.length > MAX_STREAM_NAME_LENGTH) {
    throw new StreamNameError(streamName, `longer than ${MAX_STREAM_NAME_LENGTH} characters`);
  }
  const dash = streamName.indexOf('-');
  if (dash < 0) throw new StreamNameError(streamName, "expected '<category>-<id>'");
  const category = streamName.slice(0, dash);
  const id = streamName.slice(dash + 1);
  if (!CATEGORY_PATTERN.test(category)) {
    throw new StreamNameError(streamName, 'category must match ' + String(CATEGORY_PATTERN));
  }
  if (!ID_PATTERN.test(id)) {
    throw new StreamNameError(streamName, 'id must be non-empty printable ASCII without spaces');
  }
  return { category, id };
}

export function categoryOf(streamName: string): string {
  return parseStreamName(streamName).category;
}

/**
 * The category of a stored stream's name (a RecordedEvent's), without validating it again:
 * for readers that route every event they read (relays, projection runners).
 */
export function storedCategory(streamName: string): string {
  return streamName.slice(0, streamName.indexOf('-'));
}

/** Builds `<category>-<id>`, validating both parts. */
export function streamName(category: string, id: string): string {
  const name = `${category}-${id}`;
  const parsed = parseStreamName(name);
  if (parsed.category !== category) throw new StreamNameError(name, "category contains '-'");
  return name;
}

export function assertCategory(category: unknown): asserts category is string {
  if (typeof category !== 'string' || !CATEGORY_PATTERN.test(category)) {
    throw new StreamNameError(category, 'category must match ' + String(CATEGORY_PATTERN));
  }
}
