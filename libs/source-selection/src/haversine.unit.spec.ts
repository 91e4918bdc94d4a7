import { EARTH_RADIUS_METERS, haversineMeters } from './haversine';
import { CITIES } from './selection.fixture';

describe('haversineMeters', () => {
  it('uses the mean Earth radius of MSI (6,371 km)', () => {
    expect(EARTH_RADIUS_METERS).toBe(6_371_000);
    // A quarter meridian: from the equator to the pole.
    const quarter = haversineMeters({ latitude: 0, longitude: 0 }, { latitude: 90, longitude: 0 });
    expect(quarter).toBeCloseTo((Math.PI / 2) * 6_371_000, 3);
  });

  it('matches published great-circle distances within 1 km', () => {
    expect(Math.abs(haversineMeters(CITIES.berlin, CITIES.paris) - 877_500)).toBeLessThan(1_000);
    expect(Math.abs(haversineMeters(CITIES.london, CITIES.paris) - 343_500)).toBeLessThan(1_000);
    expect(Math.abs(haversineMeters(CITIES.london, CITIES.newYork) - 5_570_000)).toBeLessThan(
      1_000,
    );
  });

  it('is zero for the same point and symmetric', () => {
    expect(haversineMeters(CITIES.lyon, CITIES.lyon)).toBe(0);
    expect(haversineMeters(CITIES.madrid, CITIES.lyon)).toBe(
      haversineMeters(CITIES.lyon, CITIES.madrid),
    );
  });

  it('stays defined for antipodal points', () => {
    const far = haversineMeters({ latitude: 0, longitude: 0 }, { latitude: 0, longitude: 180 });
    expect(far).toBeCloseTo(Math.PI * 6_371_000, 0);
  });
});
