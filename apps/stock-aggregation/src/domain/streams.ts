import { InvalidCommandError } from '@inventory/decider';
import { renderMessage, type MessageParameters } from './errors';

/**
 * Stream names of this service, `<category>-<id>` with the id percent-encoded (as in
 * source-inventory) so that any SKU becomes printable ASCII without spaces.
 *
 * All stocks, sales channels and links live in ONE stream, `stockregistry-main`: "a channel
 * belongs to exactly one stock", "next stock id" and "links only to existing stocks" are then
 * decided on one state with one expected version, which single-stream appends require. The
 * cost: every stock write serialises on that stream and a load folds its whole history. At a
 * few hundred stocks written at admin rates that is cheap; past that, a snapshot of the
 * registry (or per-stock streams plus a channel-claim stream) would be the next step.
 */
export const STREAM_CATEGORIES = {
  stockRegistry: 'stockregistry',
  inventoryConfiguration: 'inventoryconfig',
  stockItem: 'stockitem',
} as const;

/** The event store's limit (MAX_STREAM_NAME_LENGTH in @inventory/event-store). */
export const MAX_STREAM_NAME_LENGTH = 200;

export class InvalidStreamIdError extends InvalidCommandError<'INVALID_STREAM_ID'> {
  constructor(template: string, parameters: MessageParameters) {
    super('INVALID_STREAM_ID', renderMessage({ message: template, parameters }), {
      template,
      parameters,
    });
  }
}

export function stockRegistryStream(): string {
  return `${STREAM_CATEGORIES.stockRegistry}-main`;
}

export function inventoryConfigurationStream(): string {
  return `${STREAM_CATEGORIES.inventoryConfiguration}-global`;
}

export function stockItemStream(sku: string): string {
  let encoded = '';
  try {
    encoded = encodeURIComponent(sku);
  } catch {
    // URIError: a lone surrogate, reported below like an empty SKU.
  }
  if (encoded === '') {
    throw new InvalidStreamIdError('%what "%value" can not name a stream.', {
      what: 'SKU',
      value: sku,
    });
  }
  const name = `${STREAM_CATEGORIES.stockItem}-${encoded}`;
  if (name.length > MAX_STREAM_NAME_LENGTH) {
    throw new InvalidStreamIdError('The stream name "%value" is longer than %max characters.', {
      value: name,
      max: MAX_STREAM_NAME_LENGTH,
    });
  }
  return name;
}
