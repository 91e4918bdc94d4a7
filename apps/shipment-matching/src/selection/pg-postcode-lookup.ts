import type { Pool } from 'pg';
import type { LatLng, PostcodeLookup } from '@inventory/source-selection';
import { TABLES } from '../catalog/catalog.tables';

/** MSI's offline geocoding over `sm_postcodes` (GeoNames rows imported by the CLI). */
export class PgPostcodeLookup implements PostcodeLookup {
  constructor(private readonly pool: Pool) {}

  byPostcode(country: string, postcode: string): Promise<LatLng | undefined> {
    return this.first('lower(postcode) = lower($2)', country, postcode);
  }

  byCityPrefix(country: string, cityPrefix: string): Promise<LatLng | undefined> {
    const escaped = cityPrefix.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
    return this.first(`lower(place) LIKE $2 || '%'`, country, escaped);
  }

  byRegion(country: string, region: string): Promise<LatLng | undefined> {
    return this.first('lower(region) = lower($2)', country, region);
  }

  private async first(where: string, country: string, value: string): Promise<LatLng | undefined> {
    const { rows } = await this.pool.query<LatLng>(
      `SELECT latitude, longitude FROM ${TABLES.postcodes}
       WHERE country = upper($1) AND ${where} ORDER BY postcode, place LIMIT 1`,
      [country, value],
    );
    return rows[0];
  }
}
