import type { SourceData } from '@inventory/contracts';
import { ValidationFailedError } from './errors';
import { normalizeSource, type SourceInput } from './source.normalize';
import { sourceErrors, validateSource } from './source.validation';

const minimal: SourceInput = {
  source_code: 'eu-1',
  name: 'EU 1',
  country_id: 'DE',
  postcode: '10115',
};
const pickup: SourceInput = {
  ...minimal,
  is_pickup_location_active: true,
  city: 'Berlin',
  street: 'Unter den Linden 1',
  phone: '+49 30 123',
  latitude: 52.517,
  longitude: 13.389,
};

function problems(input: SourceInput): Array<[string, object]> {
  return sourceErrors(normalizeSource(input)).map((e) => [e.message, e.parameters]);
}

describe('source validation', () => {
  it('normalizes with MSI defaults and omits unset fields (null and empty text count as unset)', () => {
    expect(
      validateSource({ ...minimal, description: null, city: '', latitude: undefined }),
    ).toEqual({
      source_code: 'eu-1',
      name: 'EU 1',
      enabled: true,
      country_id: 'DE',
      postcode: '10115',
      use_default_carrier_config: true,
      is_pickup_location_active: false,
    } satisfies SourceData);
  });

  it('keeps keys in contract order, whatever order the input had', () => {
    const source = validateSource({
      postcode: '1',
      email: 'a@b.co',
      name: 'n',
      country_id: 'FR',
      source_code: 's',
    });
    expect(Object.keys(source)).toEqual([
      'source_code',
      'name',
      'enabled',
      'country_id',
      'postcode',
      'email',
      'use_default_carrier_config',
      'is_pickup_location_active',
    ]);
  });

  it('reports every empty required field at once, with the template and the field', () => {
    expect(() => validateSource({})).toThrow(ValidationFailedError);
    expect(problems({ source_code: 'x', name: ' ' })).toEqual([
      ['"%field" can not be empty.', { field: 'name' }],
      ['"%field" can not be empty.', { field: 'country_id' }],
      ['"%field" can not be empty.', { field: 'postcode' }],
    ]);
    expect(problems({ ...minimal, source_code: '' })).toEqual([
      ['"%field" can not be empty.', { field: 'source_code' }],
    ]);
  });

  it('renders the human message with the field substituted', () => {
    expect(() => validateSource({ ...minimal, name: '' })).toThrow('"name" can not be empty.');
  });

  it('refuses whitespace in the source code', () => {
    expect(problems({ ...minimal, source_code: 'eu 1' })).toEqual([
      ['"%field" can not contain whitespaces.', { field: 'source_code' }],
    ]);
  });

  it('checks latitude and longitude ranges when given', () => {
    expect(problems({ ...minimal, latitude: 90, longitude: -180 })).toEqual([]);
    expect(problems({ ...minimal, latitude: 90.0001, longitude: 181 })).toEqual([
      [
        '"%field" must be a number between %min and %max.',
        { field: 'latitude', min: -90, max: 90 },
      ],
      [
        '"%field" must be a number between %min and %max.',
        { field: 'longitude', min: -180, max: 180 },
      ],
    ]);
    expect(problems({ ...minimal, latitude: NaN })).toHaveLength(1);
  });

  it('checks the email shape when given', () => {
    expect(problems({ ...minimal, email: 'ops@example.com' })).toEqual([]);
    expect(problems({ ...minimal, email: 'ops@example' })).toEqual([
      ['"%field" must be a valid email address.', { field: 'email' }],
    ]);
  });

  it('checks carrier links: own configuration only, non-negative integer positions', () => {
    const own = { ...minimal, use_default_carrier_config: false };
    expect(problems({ ...own, carrier_links: [{ carrier_code: 'ups', position: 0 }] })).toEqual([]);
    expect(problems({ ...minimal, carrier_links: [{ carrier_code: 'ups', position: 1 }] })).toEqual(
      [
        [
          'You can\'t configure "%field" because you have chosen Global Shipping configuration.',
          { field: 'carrier_links' },
        ],
      ],
    );
    expect(
      problems({
        ...own,
        carrier_links: [
          { carrier_code: 'ups', position: -1 },
          { carrier_code: 'dhl', position: 1.5 },
        ],
      }),
    ).toEqual([
      [
        'The position of carrier "%carrier" in "%field" must be a non-negative integer.',
        { field: 'carrier_links', carrier: 'ups' },
      ],
      [
        'The position of carrier "%carrier" in "%field" must be a non-negative integer.',
        { field: 'carrier_links', carrier: 'dhl' },
      ],
    ]);
  });

  it('refuses to disable the default source or make it a pickup location', () => {
    const base = { ...pickup, source_code: 'default' };
    expect(problems({ ...base, enabled: false })).toEqual([
      ['Default source can not be disabled.', {}],
      ['The Default Source can not be used for In-Store Pickup Delivery.', {}],
    ]);
    expect(problems({ ...minimal, enabled: false })).toEqual([]);
  });

  it('requires city, street, phone and coordinates of an active pickup location', () => {
    expect(problems(pickup)).toEqual([]);
    expect(problems({ ...minimal, is_pickup_location_active: true, street: ' ' })).toEqual(
      ['city', 'street', 'phone', 'latitude', 'longitude'].map((field) => [
        '"%field" can not be empty for Pickup Location.',
        { field },
      ]),
    );
    expect(problems({ ...minimal, is_pickup_location_active: false })).toEqual([]);
  });

  it("defaults a pickup location's frontend name to its name", () => {
    expect(validateSource(pickup).frontend_name).toBe('EU 1');
    expect(validateSource({ ...pickup, frontend_name: 'Berlin Mitte' }).frontend_name).toBe(
      'Berlin Mitte',
    );
    expect(validateSource(minimal)).not.toHaveProperty('frontend_name');
  });
});
