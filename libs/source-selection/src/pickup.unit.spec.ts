import { findPickupLocations, type PickupQuery } from './pickup';
import { CITIES, item, q, source } from './selection.fixture';

// Stores around Paris: Versailles ~17 km, Saint-Denis ~9 km, Orléans ~111 km from the center.
const locations = [
  source('versailles', 1, { latitude: 48.8049, longitude: 2.1204 }),
  source('saint-denis', 2, { latitude: 48.9362, longitude: 2.3574 }),
  source('orleans', 3, { latitude: 47.9029, longitude: 1.9093 }),
  source('closed', 4, { ...CITIES.paris, enabled: false }),
  source('unknown-place', 5),
];
const items = [
  item('versailles', 'BIKE', 2),
  item('versailles', 'HELMET', 1),
  item('saint-denis', 'bike', 1),
  item('saint-denis', 'HELMET', 5, false),
  item('orleans', 'BIKE', 9),
  item('orleans', 'HELMET', 9),
  item('closed', 'BIKE', 9),
  item('unknown-place', 'BIKE', 9),
];
const query = (overrides: Partial<PickupQuery>): PickupQuery => ({
  locations,
  center: CITIES.paris,
  radiusKm: 50,
  required: [],
  items,
  ...overrides,
});
const codes = (overrides: Partial<PickupQuery>) =>
  findPickupLocations(query(overrides)).map((l) => l.source_code);

describe('findPickupLocations', () => {
  it('answers enabled, located places within the radius, nearest first', () => {
    const found = findPickupLocations(query({}));
    expect(found.map((l) => l.source_code)).toEqual(['saint-denis', 'versailles']);
    expect(found[0].distance_km).toBeGreaterThan(8);
    expect(found[0].distance_km).toBeLessThan(10);
    expect(codes({ radiusKm: 200 })).toEqual(['saint-denis', 'versailles', 'orleans']);
  });

  it('keeps only places with every required SKU in stock in the quantity asked', () => {
    expect(codes({ required: [{ sku: 'Bike', qty: q(1) }] })).toEqual([
      'saint-denis',
      'versailles',
    ]);
    expect(codes({ required: [{ sku: 'BIKE', qty: q(2) }] })).toEqual(['versailles']);
    // Saint-Denis' helmets are out of stock.
    const both = [
      { sku: 'BIKE', qty: q(1) },
      { sku: 'HELMET', qty: q(1) },
    ];
    expect(codes({ required: both, radiusKm: 200 })).toEqual(['versailles', 'orleans']);
  });

  it('adds up a SKU required on two lines', () => {
    const twice = [
      { sku: 'BIKE', qty: q(1) },
      { sku: 'bike', qty: q(2) },
    ];
    expect(codes({ required: twice, radiusKm: 200 })).toEqual(['orleans']);
  });

  it('finds nothing with a radius of zero away from every place', () => {
    expect(codes({ radiusKm: 0 })).toEqual([]);
  });
});
