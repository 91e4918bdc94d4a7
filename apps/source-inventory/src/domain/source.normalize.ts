import type { CarrierLink, SourceData } from '@inventory/contracts';

/** A source as a client sends it: any field may be missing or null (MSI clients send nulls). */
export type SourceInput = { [K in keyof SourceData]?: SourceData[K] | null };

/** Every field of a source, in the contract's order. */
export const SOURCE_FIELDS = [
  'source_code',
  'name',
  'enabled',
  'description',
  'latitude',
  'longitude',
  'country_id',
  'region_id',
  'region',
  'city',
  'street',
  'postcode',
  'contact_name',
  'email',
  'phone',
  'fax',
  'use_default_carrier_config',
  'carrier_links',
  'is_pickup_location_active',
  'frontend_name',
  'frontend_description',
] as const satisfies readonly (keyof SourceData)[];
// Fails to compile if SourceData gains a field that is not listed above.
const _everyField: [Exclude<keyof SourceData, (typeof SOURCE_FIELDS)[number]>] extends [never]
  ? true
  : never = true;

const given = <T>(value: T | null | undefined): T | undefined =>
  value === null || value === '' ? undefined : value;

/**
 * The stored form: unset optional fields omitted (null and '' count as unset), booleans with
 * MSI's defaults (enabled, global carrier configuration, no pickup), keys always in the same
 * order so that equal sources serialise to equal bytes. A pickup location's frontend name
 * defaults to its name.
 */
export function normalizeSource(input: SourceInput): SourceData {
  const pickup = input.is_pickup_location_active ?? false;
  const links = input.carrier_links ?? [];
  const data: SourceData = {
    source_code: input.source_code ?? '',
    name: input.name ?? '',
    enabled: input.enabled ?? true,
    description: given(input.description),
    latitude: given(input.latitude),
    longitude: given(input.longitude),
    country_id: input.country_id ?? '',
    region_id: given(input.region_id),
    region: given(input.region),
    city: given(input.city),
    street: given(input.street),
    postcode: input.postcode ?? '',
    contact_name: given(input.contact_name),
    email: given(input.email),
    phone: given(input.phone),
    fax: given(input.fax),
    use_default_carrier_config: input.use_default_carrier_config ?? true,
    carrier_links: links.length > 0 ? links.map(copyLink) : undefined,
    is_pickup_location_active: pickup,
    frontend_name: given(input.frontend_name) ?? (pickup ? given(input.name) : undefined),
    frontend_description: given(input.frontend_description),
  };
  for (const key of Object.keys(data) as (keyof SourceData)[]) {
    if (data[key] === undefined) delete data[key];
  }
  return data;
}

function copyLink(link: CarrierLink): CarrierLink {
  return { carrier_code: link.carrier_code, position: link.position };
}
