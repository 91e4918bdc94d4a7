import type { Destination, LatLng } from './types';

type Awaitable<T> = T | PromiseLike<T>;

/**
 * Port to a postal-code table (MSI's inventory_geoname, filled from GeoNames). Each method
 * answers one row's position or undefined; matching is case-insensitive, as MySQL's collation
 * makes MSI's queries. Adapters may be synchronous (in memory) or not (a database).
 */
export interface PostcodeLookup {
  byPostcode(country: string, postcode: string): Awaitable<LatLng | undefined>;
  /** The first place whose name starts with `cityPrefix` (MSI: `city LIKE 'prefix%'`). */
  byCityPrefix(country: string, cityPrefix: string): Awaitable<LatLng | undefined>;
  /** The first place in that region (GeoNames admin name 1). */
  byRegion(country: string, region: string): Awaitable<LatLng | undefined>;
}

const isCoordinate = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value);

const present = (value: string | undefined): value is string =>
  value !== undefined && value.trim() !== '';

/**
 * Where the destination is: its own coordinates when both are given, else MSI's offline
 * fallback chain (GetGeoNameDataByAddress): country + postcode, then country + city prefix,
 * then country + region. Steps whose field is empty are skipped (MSI would query `region = ''`
 * and could match a row without a region). Undefined when nothing resolves.
 */
export async function resolveDestination(
  destination: Destination | undefined,
  lookup?: PostcodeLookup,
): Promise<LatLng | undefined> {
  if (!destination) return undefined;
  const { latitude, longitude } = destination;
  if (isCoordinate(latitude) && isCoordinate(longitude)) return { latitude, longitude };
  if (!lookup || !present(destination.country)) return undefined;
  const country = destination.country.trim();
  const { postcode, city, region } = destination;
  const found =
    (present(postcode) ? await lookup.byPostcode(country, postcode.trim()) : undefined) ??
    (present(city) ? await lookup.byCityPrefix(country, city.trim()) : undefined) ??
    (present(region) ? await lookup.byRegion(country, region.trim()) : undefined);
  return found;
}
