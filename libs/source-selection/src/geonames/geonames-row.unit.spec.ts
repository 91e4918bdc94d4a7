import { geoNameEntryOf } from './geoname-entry';
import { GeoNamesRowError, parseGeoNamesPostalLine, readGeoNamesPostalLine } from './geonames-row';

// Lines shaped like those of the FR and DE dumps (tabs made explicit).
const LYON = [
  'FR',
  '69001',
  'Lyon 01',
  'Auvergne-Rhône-Alpes',
  '84',
  'Rhône',
  '69',
  'Lyon',
  '691',
  '45.7676',
  '4.8345',
  '5',
].join('\t');
const BERLIN = [
  'DE',
  '10115',
  'Berlin',
  'Berlin',
  'BE',
  '',
  '00',
  'Berlin, Stadt',
  '11000',
  '52.5323',
  '13.3846',
  '4',
].join('\t');

describe('GeoNames postal code lines', () => {
  it('reads the twelve fields', () => {
    expect(parseGeoNamesPostalLine(LYON)).toEqual({
      countryCode: 'FR',
      postalCode: '69001',
      placeName: 'Lyon 01',
      adminName1: 'Auvergne-Rhône-Alpes',
      adminCode1: '84',
      adminName2: 'Rhône',
      adminCode2: '69',
      adminName3: 'Lyon',
      adminCode3: '691',
      latitude: 45.7676,
      longitude: 4.8345,
      accuracy: 5,
    });
  });

  it('keeps empty optional fields, tolerates CRLF and an empty accuracy', () => {
    const row = parseGeoNamesPostalLine(`${BERLIN.replace(/\t4$/, '\t')}\r`);
    expect(row.adminName2).toBe('');
    expect(row.accuracy).toBeUndefined();
    expect(row.longitude).toBe(13.3846);
  });

  it('maps to the inventory_geoname columns as MSI imports them', () => {
    expect(geoNameEntryOf(parseGeoNamesPostalLine(LYON))).toEqual({
      country_code: 'FR',
      postcode: '69001',
      city: 'Lyon 01',
      region: 'Auvergne-Rhône-Alpes',
      province: '69',
      latitude: 45.7676,
      longitude: 4.8345,
    });
  });

  const malformed: [string, string, string][] = [
    [
      'too few fields',
      LYON.split('\t').slice(0, 10).join('\t'),
      'expected 12 tab-separated fields, found 10',
    ],
    ['too many fields', `${LYON}\textra`, 'expected 12 tab-separated fields, found 13'],
    [
      'a lower-case country',
      LYON.replace(/^FR/, 'fr'),
      'country code "fr" is not two upper-case letters',
    ],
    ['an empty postal code', LYON.replace('69001', ' '), 'postal code is empty'],
    [
      'a text latitude',
      LYON.replace('45.7676', 'north'),
      'latitude "north" is not a decimal number',
    ],
    [
      'an out-of-range longitude',
      LYON.replace('4.8345', '181'),
      'longitude 181 is outside -180..180',
    ],
    ['an exponent', LYON.replace('45.7676', '4e1'), 'latitude "4e1" is not a decimal number'],
    ['an unknown accuracy', LYON.replace(/\t5$/, '\t9'), 'accuracy "9" is not 1 to 6'],
  ];

  it.each(malformed)('refuses %s with a reason naming the line', (_name, line, reason) => {
    expect(readGeoNamesPostalLine(line, 42)).toEqual({ ok: false, lineNumber: 42, reason });
    expect(() => parseGeoNamesPostalLine(line, 42)).toThrow(new GeoNamesRowError(42, reason));
    expect(() => parseGeoNamesPostalLine(line, 42)).toThrow(
      `GeoNames postal code line 42: ${reason}`,
    );
  });
});
