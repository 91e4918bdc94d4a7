import { msiMessage, type MsiMessage } from './errors';

/** Magento's catalog limit on a product SKU. */
export const MAX_SKU_LENGTH = 64;
/** MSI's `inventory_source.source_code` is a varchar(255). */
export const MAX_SOURCE_CODE_LENGTH = 255;

// An unpaired UTF-16 surrogate is not text: it has no UTF-8 form, so no stream name either.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * The checks MSI and this service share for identifiers, all reported at once. Like MSI's
 * validators, which run independently, a blank value is both empty and full of whitespace.
 */
function identifierErrors(
  value: unknown,
  field: string,
  maxLength: number,
  hasBadWhitespace: (value: string) => boolean,
): MsiMessage[] {
  if (typeof value !== 'string') return [msiMessage('"%field" can not be empty.', { field })];
  const errors: MsiMessage[] = [];
  if (value.trim() === '') errors.push(msiMessage('"%field" can not be empty.', { field }));
  if (hasBadWhitespace(value)) {
    errors.push(msiMessage('"%field" can not contain whitespaces.', { field }));
  }
  if (LONE_SURROGATE.test(value)) {
    errors.push(msiMessage('"%field" must be valid Unicode text.', { field }));
  }
  // Characters (code points), as PHP's mb_strlen counts them, not UTF-16 units.
  if ([...value].length > maxLength) {
    errors.push(
      msiMessage('"%field" can not be longer than %max characters.', { field, max: maxLength }),
    );
  }
  return errors;
}

/**
 * MSI's SKU rules: not empty, no whitespace around it (NoSpaceBeforeAndAfterString; inside
 * is fine), plus Magento's 64-character limit.
 */
export function skuErrors(sku: unknown, field = 'sku'): MsiMessage[] {
  return identifierErrors(sku, field, MAX_SKU_LENGTH, (v) => v !== '' && v.trim() !== v);
}

/** MSI's source code rules: not empty, no whitespace anywhere, at most 255 characters. */
export function sourceCodeErrors(code: unknown, field = 'source_code'): MsiMessage[] {
  return identifierErrors(code, field, MAX_SOURCE_CODE_LENGTH, (v) => /\s/.test(v));
}

/**
 * Ids that name a process (shipment, credit memo, transfer): not empty, no whitespace, so a
 * redelivery cannot differ from the original by stray spaces. 128 characters is generous
 * for UUIDs and commerce increment ids and keeps stream names within the store's limit.
 */
export const MAX_PROCESS_ID_LENGTH = 128;

export function processIdErrors(id: unknown, field: string): MsiMessage[] {
  return identifierErrors(id, field, MAX_PROCESS_ID_LENGTH, (v) => /\s/.test(v));
}
