/**
 * One line of a GeoNames postal-code dump (download.geonames.org/export/zip/<CC>.zip, <CC>.txt):
 * twelve tab-separated fields, UTF-8. Empty optional fields are ''.
 */
export interface GeoNamesPostalRow {
  /** ISO 3166-1 alpha-2. */
  countryCode: string;
  postalCode: string;
  placeName: string;
  /** State / region name (what MSI stores as `region`). */
  adminName1: string;
  adminCode1: string;
  /** County / province name. */
  adminName2: string;
  adminCode2: string;
  adminName3: string;
  adminCode3: string;
  /** Degrees, WGS84. */
  latitude: number;
  longitude: number;
  /** 1 = estimated, 4 = from the geonameid, 6 = centroid of addresses or shape; absent if empty. */
  accuracy?: number;
}

export type GeoNamesLineResult =
  { ok: true; row: GeoNamesPostalRow } | { ok: false; lineNumber: number; reason: string };

export const GEONAMES_FIELD_COUNT = 12;

const COUNTRY = /^[A-Z]{2}$/;
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

function coordinate(text: string, name: string, limit: number): number | string {
  if (!DECIMAL.test(text)) return `${name} "${text}" is not a decimal number`;
  const value = Number(text);
  return Math.abs(value) <= limit ? value : `${name} ${text} is outside -${limit}..${limit}`;
}

/**
 * Reads one line (a trailing "\r" is tolerated); `lineNumber` (1-based) only labels the reason.
 * A malformed line gives the reason instead of throwing, so an importer can report all of them.
 */
export function readGeoNamesPostalLine(line: string, lineNumber = 1): GeoNamesLineResult {
  const fail = (reason: string): GeoNamesLineResult => ({ ok: false, lineNumber, reason });
  const fields = line.replace(/\r$/, '').split('\t');
  if (fields.length !== GEONAMES_FIELD_COUNT) {
    return fail(`expected ${GEONAMES_FIELD_COUNT} tab-separated fields, found ${fields.length}`);
  }
  const [countryCode, postalCode, placeName, adminName1, adminCode1, ...rest] = fields;
  const [adminName2, adminCode2, adminName3, adminCode3, lat, lng, accuracyText] = rest;
  if (!COUNTRY.test(countryCode)) {
    return fail(`country code "${countryCode}" is not two upper-case letters`);
  }
  if (postalCode.trim() === '') return fail('postal code is empty');
  const latitude = coordinate(lat, 'latitude', 90);
  if (typeof latitude === 'string') return fail(latitude);
  const longitude = coordinate(lng, 'longitude', 180);
  if (typeof longitude === 'string') return fail(longitude);
  let accuracy: number | undefined;
  if (accuracyText !== '') {
    if (!/^[1-6]$/.test(accuracyText)) return fail(`accuracy "${accuracyText}" is not 1 to 6`);
    accuracy = Number(accuracyText);
  }
  const row: GeoNamesPostalRow = {
    countryCode,
    postalCode,
    placeName,
    adminName1,
    adminCode1,
    adminName2,
    adminCode2,
    adminName3,
    adminCode3,
    latitude,
    longitude,
  };
  if (accuracy !== undefined) row.accuracy = accuracy;
  return { ok: true, row };
}

export class GeoNamesRowError extends Error {
  constructor(
    readonly lineNumber: number,
    readonly reason: string,
  ) {
    super(`GeoNames postal code line ${lineNumber}: ${reason}`);
    this.name = 'GeoNamesRowError';
  }
}

/** Like readGeoNamesPostalLine, throwing GeoNamesRowError for a malformed line. */
export function parseGeoNamesPostalLine(line: string, lineNumber = 1): GeoNamesPostalRow {
  const read = readGeoNamesPostalLine(line, lineNumber);
  if (!read.ok) throw new GeoNamesRowError(read.lineNumber, read.reason);
  return read.row;
}
