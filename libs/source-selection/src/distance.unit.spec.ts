import { selectByDistance } from './distance';
import { inMemoryPostcodeLookup } from './in-memory-postcode-lookup';
import { NO_DESTINATION_MESSAGE, NoDestinationAddressError } from './errors';
import { select } from './registry';
import { CITIES, item, request, rows, source } from './selection.fixture';

// Priorities deliberately disagree with distance from Lyon (Paris 391 km, Madrid 913 km,
// Berlin 975 km); "depot" has no position and the best priority.
const sources = [
  source('berlin', 1, CITIES.berlin),
  source('madrid', 2, CITIES.madrid),
  source('paris', 3, CITIES.paris),
  source('depot', 0),
  source('closed', 0, { ...CITIES.lyon, enabled: false }),
];
const items = ['berlin', 'madrid', 'paris', 'depot', 'closed'].map((code) =>
  item(code, 'WIDGET', 4),
);

const lookup = inMemoryPostcodeLookup([
  {
    country_code: 'FR',
    postcode: '69001',
    city: 'Lyon',
    region: 'Auvergne-Rhône-Alpes',
    province: '69',
    ...CITIES.lyon,
  },
]);

describe('distance', () => {
  it('walks sources nearest first, those without a position last in priority order', () => {
    const result = selectByDistance(
      { request: request([['widget', 10]]), sources, items },
      CITIES.lyon,
    );
    expect(rows(result)).toEqual([
      ['paris', 'WIDGET', 4, 4],
      ['madrid', 'WIDGET', 4, 4],
      ['berlin', 'WIDGET', 2, 4],
      ['depot', 'WIDGET', 0, 4],
    ]);
    expect(result.shippable).toBe(true);
  });

  it('resolves the destination postcode through the lookup', async () => {
    const result = await select(
      'distance',
      request([['WIDGET', 5]], { country: 'FR', postcode: '69001' }),
      sources,
      items,
      lookup,
    );
    expect(rows(result).map(([code, , deduct]) => [code, deduct])).toEqual([
      ['paris', 4],
      ['madrid', 1],
      ['berlin', 0],
      ['depot', 0],
    ]);
  });

  it('uses coordinates given in the request without a lookup', async () => {
    const result = await select(
      'distance',
      request([['WIDGET', 1]], { country: 'ES', ...CITIES.madrid }),
      sources,
      items,
    );
    expect(rows(result)[0]).toEqual(['madrid', 'WIDGET', 1, 4]);
  });

  it('refuses a request without a destination with MSI message', async () => {
    const run = select('distance', request([['WIDGET', 1]]), sources, items, lookup);
    await expect(run).rejects.toThrow(NoDestinationAddressError);
    await expect(run).rejects.toThrow(
      expect.objectContaining({
        message: 'No destination address was provided in the request',
        code: 'NO_DESTINATION_ADDRESS',
        kind: 'invalid',
      }),
    );
    expect(NO_DESTINATION_MESSAGE).toBe('No destination address was provided in the request');
  });

  it('refuses a destination that cannot be resolved, or any when there is no lookup', async () => {
    const unknown = request([['WIDGET', 1]], { country: 'FR', postcode: '99999' });
    await expect(select('distance', unknown, sources, items, lookup)).rejects.toThrow(
      NO_DESTINATION_MESSAGE,
    );
    const known = request([['WIDGET', 1]], { country: 'FR', postcode: '69001' });
    await expect(select('distance', known, sources, items)).rejects.toThrow(
      NoDestinationAddressError,
    );
  });
});
