import { DEFAULT_SOURCE_CODE, type SourceData } from '@inventory/contracts';
import { msiMessage, throwIfInvalid, type MsiMessage } from './errors';
import { sourceCodeErrors } from './sku';
import { normalizeSource, type SourceInput } from './source.normalize';

const REQUIRED_TEXT = ['name', 'country_id', 'postcode'] as const;
// Why: in-store pickup needs an address to show and a phone to call; the coordinates feed the
// distance search of pickup locations. MSI geocodes a missing position from the address, which
// needs I/O this domain does not have, so here the coordinates are required instead.
const REQUIRED_FOR_PICKUP = ['city', 'street', 'phone', 'latitude', 'longitude'] as const;
// Deliberately simple: one '@', no whitespace, a dot in the domain. Delivery proves the rest.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Every problem of a normalized source, in MSI's message form. */
export function sourceErrors(source: SourceData): MsiMessage[] {
  const errors: MsiMessage[] = [...sourceCodeErrors(source.source_code)];
  for (const field of REQUIRED_TEXT) {
    const value: unknown = source[field];
    if (typeof value !== 'string' || value.trim() === '') {
      errors.push(msiMessage('"%field" can not be empty.', { field }));
    }
  }
  errors.push(...rangeErrors(source.latitude, 'latitude', 90));
  errors.push(...rangeErrors(source.longitude, 'longitude', 180));
  if (source.email !== undefined && !EMAIL.test(source.email)) {
    errors.push(msiMessage('"%field" must be a valid email address.', { field: 'email' }));
  }
  errors.push(...carrierLinkErrors(source));
  errors.push(...defaultSourceErrors(source));
  errors.push(...pickupErrors(source));
  return errors;
}

/** Normalizes and validates, throwing one VALIDATION_FAILED error listing every problem. */
export function validateSource(input: SourceInput): SourceData {
  const source = normalizeSource(input);
  throwIfInvalid(sourceErrors(source));
  return source;
}

function rangeErrors(value: unknown, field: string, limit: number): MsiMessage[] {
  if (value === undefined) return [];
  const ok = typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= limit;
  return ok
    ? []
    : [
        msiMessage('"%field" must be a number between %min and %max.', {
          field,
          min: -limit,
          max: limit,
        }),
      ];
}

function carrierLinkErrors(source: SourceData): MsiMessage[] {
  const links = source.carrier_links ?? [];
  const field = 'carrier_links';
  const errors: MsiMessage[] = [];
  if (links.length > 0 && source.use_default_carrier_config) {
    errors.push(
      msiMessage(
        'You can\'t configure "%field" because you have chosen Global Shipping configuration.',
        { field },
      ),
    );
  }
  for (const link of links) {
    if (typeof link.carrier_code !== 'string' || link.carrier_code.trim() === '') {
      errors.push(msiMessage('"%field" can not contain a link without a carrier code.', { field }));
    }
    if (!Number.isInteger(link.position) || link.position < 0) {
      errors.push(
        msiMessage(
          'The position of carrier "%carrier" in "%field" must be a non-negative integer.',
          {
            field,
            carrier: String(link.carrier_code),
          },
        ),
      );
    }
  }
  return errors;
}

function defaultSourceErrors(source: SourceData): MsiMessage[] {
  if (source.source_code !== DEFAULT_SOURCE_CODE) return [];
  const errors: MsiMessage[] = [];
  if (!source.enabled) errors.push(msiMessage('Default source can not be disabled.'));
  if (source.is_pickup_location_active) {
    errors.push(msiMessage('The Default Source can not be used for In-Store Pickup Delivery.'));
  }
  return errors;
}

function pickupErrors(source: SourceData): MsiMessage[] {
  if (!source.is_pickup_location_active) return [];
  return REQUIRED_FOR_PICKUP.filter((field) => {
    const value: unknown = source[field];
    return value === undefined || (typeof value === 'string' && value.trim() === '');
  }).map((field) => msiMessage('"%field" can not be empty for Pickup Location.', { field }));
}
