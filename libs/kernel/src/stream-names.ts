import { InvalidCommandError } from '@inventory/decider';
import { renderMessage, type MessageParameters } from './msi-errors';

/** The event store's limit (MAX_STREAM_NAME_LENGTH in @inventory/event-store). */
export const STREAM_NAME_MAX_LENGTH = 200;

/** An id that cannot name a stream: empty, not valid Unicode, or too long once encoded. */
export class StreamIdError extends InvalidCommandError<'INVALID_STREAM_ID'> {
  constructor(template: string, parameters: MessageParameters) {
    super('INVALID_STREAM_ID', renderMessage({ message: template, parameters }), {
      template,
      parameters,
    });
  }
}

/**
 * `<category>-<id>/<id>...`, each id percent-encoded (encodeURIComponent) so that any code or
 * SKU becomes printable ASCII without spaces and a '/' inside an id cannot be confused with
 * the separator.
 */
export function streamNameOf(category: string, ...ids: Array<string | number>): string {
  const encoded = ids.map((id) => {
    let out = '';
    try {
      out = encodeURIComponent(String(id));
    } catch {
      // URIError: a lone surrogate, reported below like an empty id.
    }
    if (out === '') {
      throw new StreamIdError('"%value" can not name a stream.', { value: String(id) });
    }
    return out;
  });
  const name = `${category}-${encoded.join('/')}`;
  if (name.length > STREAM_NAME_MAX_LENGTH) {
    throw new StreamIdError('The stream name "%value" is longer than %max characters.', {
      value: name,
      max: STREAM_NAME_MAX_LENGTH,
    });
  }
  return name;
}
