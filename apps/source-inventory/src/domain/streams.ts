import { SOURCE_INVENTORY_CATEGORIES } from '@inventory/contracts';
import { InvalidCommandError } from '@inventory/decider';
import { renderMessage, type MessageParameters } from './errors';

/**
 * Stream names of this service: `<category>-<id>`, the id percent-encoded with
 * encodeURIComponent so that any code or SKU becomes printable ASCII without spaces (what the
 * event store requires), and so that '/' inside a code cannot be confused with the separator
 * of `sourceitem-<code>/<sku>`. The categories are what the relay routes to topics.
 */
export const STREAM_CATEGORIES = {
  source: SOURCE_INVENTORY_CATEGORIES.source,
  sourceItem: SOURCE_INVENTORY_CATEGORIES.sourceItem,
  transfer: 'transfer',
  deduction: 'deduction',
  restock: 'restock',
} as const;

/** The event store's limit (MAX_STREAM_NAME_LENGTH in @inventory/event-store; a test pins it). */
export const MAX_STREAM_NAME_LENGTH = 200;

const SOURCE_ITEM_PREFIX = `${STREAM_CATEGORIES.sourceItem}-`;

/** Thrown for an id that cannot name a stream: empty, not valid Unicode, or too long once encoded. */
export class InvalidStreamIdError extends InvalidCommandError<'INVALID_STREAM_ID'> {
  constructor(template: string, parameters: MessageParameters) {
    super('INVALID_STREAM_ID', renderMessage({ message: template, parameters }), {
      template,
      parameters,
    });
  }
}

function encode(id: string, what: string): string {
  try {
    if (id !== '') return encodeURIComponent(id);
  } catch {
    // URIError: a lone surrogate; reported below like an empty id.
  }
  throw new InvalidStreamIdError('%what "%value" can not name a stream.', { what, value: id });
}

function named(category: string, encodedId: string): string {
  const name = `${category}-${encodedId}`;
  if (name.length > MAX_STREAM_NAME_LENGTH) {
    throw new InvalidStreamIdError('The stream name "%value" is longer than %max characters.', {
      value: name,
      max: MAX_STREAM_NAME_LENGTH,
    });
  }
  return name;
}

export function sourceStream(sourceCode: string): string {
  return named(STREAM_CATEGORIES.source, encode(sourceCode, 'Source code'));
}

export function sourceItemStream(sourceCode: string, sku: string): string {
  const id = `${encode(sourceCode, 'Source code')}/${encode(sku, 'SKU')}`;
  return named(STREAM_CATEGORIES.sourceItem, id);
}

export function transferStream(transferId: string): string {
  return named(STREAM_CATEGORIES.transfer, encode(transferId, 'Transfer id'));
}

export function deductionStream(shipmentId: string): string {
  return named(STREAM_CATEGORIES.deduction, encode(shipmentId, 'Shipment id'));
}

export function restockStream(creditmemoId: string): string {
  return named(STREAM_CATEGORIES.restock, encode(creditmemoId, 'Credit memo id'));
}

/**
 * The inverse of sourceItemStream, or null for any other name. Only the canonical encoding is
 * accepted (`%41` for `A` is not), so one item has exactly one stream name.
 */
export function parseSourceItemStream(name: string): { source_code: string; sku: string } | null {
  if (!name.startsWith(SOURCE_ITEM_PREFIX)) return null;
  const parts = name.slice(SOURCE_ITEM_PREFIX.length).split('/');
  if (parts.length !== 2) return null;
  try {
    const [sourceCode, sku] = parts.map((part) => decodeURIComponent(part));
    if (sourceCode === '' || sku === '') return null;
    return sourceItemStream(sourceCode, sku) === name ? { source_code: sourceCode, sku } : null;
  } catch {
    return null;
  }
}
