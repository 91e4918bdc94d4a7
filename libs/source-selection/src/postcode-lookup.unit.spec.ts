import type { GeoNameEntry } from './geonames/geoname-entry';
import { inMemoryPostcodeLookup } from './in-memory-postcode-lookup';
import { resolveDestination, type PostcodeLookup } from './postcode-lookup';
import type { LatLng } from './types';

const entry = (postcode: string, city: string, region: string, at: number): GeoNameEntry => ({
  country_code: 'DE',
  postcode,
  city,
  region,
  province: '',
  latitude: at,
  longitude: at,
});

const entries = [
  entry('10115', 'Berlin', 'Berlin', 1),
  entry('80331', 'München', 'Bayern', 2),
  entry('80333', 'München', 'Bayern', 3),
  entry('90402', 'Nürnberg', 'Bayern', 4),
];
const at = (n: number): LatLng => ({ latitude: n, longitude: n });

/** Records which steps of the chain were asked, in order. */
function recording(inner: PostcodeLookup) {
  const calls: string[] = [];
  const lookup: PostcodeLookup = {
    byPostcode: (c, p) => (calls.push(`postcode ${c} ${p}`), inner.byPostcode(c, p)),
    byCityPrefix: (c, p) => (calls.push(`city ${c} ${p}`), inner.byCityPrefix(c, p)),
    byRegion: (c, r) => (calls.push(`region ${c} ${r}`), inner.byRegion(c, r)),
  };
  return { lookup, calls };
}

describe('resolveDestination', () => {
  const memory = inMemoryPostcodeLookup(entries);

  it('finds the postcode first, then stops', async () => {
    const { lookup, calls } = recording(memory);
    const found = await resolveDestination(
      { country: 'de', postcode: '80333', city: 'Berlin', region: 'Berlin' },
      lookup,
    );
    expect(found).toEqual(at(3));
    expect(calls).toEqual(['postcode de 80333']);
  });

  it('falls back to the first place whose name starts with the city, case-insensitively', async () => {
    const { lookup, calls } = recording(memory);
    const found = await resolveDestination(
      { country: 'DE', postcode: '00000', city: 'münch', region: 'Berlin' },
      lookup,
    );
    expect(found).toEqual(at(2));
    expect(calls).toEqual(['postcode DE 00000', 'city DE münch']);
  });

  it('falls back to the region when neither postcode nor city is known', async () => {
    const { lookup, calls } = recording(memory);
    const found = await resolveDestination(
      { country: 'DE', postcode: '00000', city: 'Hamburg', region: 'bayern' },
      lookup,
    );
    expect(found).toEqual(at(2));
    expect(calls).toEqual(['postcode DE 00000', 'city DE Hamburg', 'region DE bayern']);
  });

  it('skips the steps whose field is empty', async () => {
    const { lookup, calls } = recording(memory);
    expect(await resolveDestination({ country: 'DE', region: 'Bayern' }, lookup)).toEqual(at(2));
    expect(calls).toEqual(['region DE Bayern']);
  });

  it('is undefined when nothing matches, in another country, or without a lookup', async () => {
    expect(await resolveDestination({ country: 'DE', postcode: '99999' }, memory)).toBeUndefined();
    expect(await resolveDestination({ country: 'AT', postcode: '10115' }, memory)).toBeUndefined();
    expect(await resolveDestination({ country: 'DE', postcode: '10115' })).toBeUndefined();
    expect(await resolveDestination(undefined, memory)).toBeUndefined();
  });

  it('prefers coordinates in the destination and asks no lookup then', async () => {
    const { lookup, calls } = recording(memory);
    const given = { country: 'DE', postcode: '10115', latitude: 0, longitude: 7.5 };
    expect(await resolveDestination(given, lookup)).toEqual({ latitude: 0, longitude: 7.5 });
    expect(calls).toEqual([]);
  });

  it('waits for an asynchronous adapter (a database)', async () => {
    const slow: PostcodeLookup = {
      byPostcode: async () => undefined,
      byCityPrefix: async () => undefined,
      byRegion: async (_c, region) => (region === 'Bayern' ? at(9) : undefined),
    };
    expect(await resolveDestination({ country: 'DE', region: 'Bayern' }, slow)).toEqual(at(9));
  });
});
