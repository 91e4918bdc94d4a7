import type { GeoNamesPostalRow } from './geonames-row';

/** A row of MSI's `inventory_geoname` table: what the offline distance provider looks up. */
export interface GeoNameEntry {
  country_code: string;
  postcode: string;
  city: string;
  region: string;
  province: string;
  latitude: number;
  longitude: number;
}

/** The columns MSI's ImportGeoNames keeps (province is GeoNames' admin code 2, as there). */
export function geoNameEntryOf(row: GeoNamesPostalRow): GeoNameEntry {
  return {
    country_code: row.countryCode,
    postcode: row.postalCode,
    city: row.placeName,
    region: row.adminName1,
    province: row.adminCode2,
    latitude: row.latitude,
    longitude: row.longitude,
  };
}
