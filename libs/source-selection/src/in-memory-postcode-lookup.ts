import type { GeoNameEntry } from './geonames/geoname-entry';
import type { PostcodeLookup } from './postcode-lookup';
import type { LatLng } from './types';

const fold = (text: string): string => text.trim().toUpperCase();
const key = (country: string, value: string): string => `${fold(country)}\u0000${fold(value)}`;
const at = (entry: GeoNameEntry): LatLng => ({
  latitude: entry.latitude,
  longitude: entry.longitude,
});

/**
 * A PostcodeLookup over entries held in memory (tests, benchmarks, small deployments). The
 * first entry wins where several match, as MSI's `LIMIT 1` over insertion order would.
 * Postcodes and regions are indexed; the city prefix scans the country's entries.
 */
export function inMemoryPostcodeLookup(entries: readonly GeoNameEntry[]): PostcodeLookup {
  const byPostcode = new Map<string, LatLng>();
  const byRegion = new Map<string, LatLng>();
  const byCountry = new Map<string, { city: string; at: LatLng }[]>();
  for (const entry of entries) {
    const postcodeKey = key(entry.country_code, entry.postcode);
    if (!byPostcode.has(postcodeKey)) byPostcode.set(postcodeKey, at(entry));
    const regionKey = key(entry.country_code, entry.region);
    if (entry.region.trim() !== '' && !byRegion.has(regionKey)) byRegion.set(regionKey, at(entry));
    const country = fold(entry.country_code);
    const places = byCountry.get(country) ?? [];
    places.push({ city: fold(entry.city), at: at(entry) });
    byCountry.set(country, places);
  }
  return {
    byPostcode: (country, postcode) => byPostcode.get(key(country, postcode)),
    byRegion: (country, region) => byRegion.get(key(country, region)),
    byCityPrefix: (country, cityPrefix) => {
      const prefix = fold(cityPrefix);
      return byCountry.get(fold(country))?.find((place) => place.city.startsWith(prefix))?.at;
    },
  };
}
