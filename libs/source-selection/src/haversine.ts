import type { LatLng } from './types';

/** The mean Earth radius MSI's offline distance provider uses, in meters. */
export const EARTH_RADIUS_METERS = 6_371_000;

const toRadians = (degrees: number): number => (degrees * Math.PI) / 180;

/** Great-circle distance in meters (haversine formula, as MSI's Offline\GetDistance). */
export function haversineMeters(from: LatLng, to: LatLng): number {
  const latFrom = toRadians(from.latitude);
  const latTo = toRadians(to.latitude);
  const latDelta = latTo - latFrom;
  const lngDelta = toRadians(to.longitude - from.longitude);
  const h =
    Math.sin(latDelta / 2) ** 2 + Math.cos(latFrom) * Math.cos(latTo) * Math.sin(lngDelta / 2) ** 2;
  // min(1, h) keeps asin defined when rounding pushes antipodal points a hair past 1.
  return 2 * Math.asin(Math.sqrt(Math.min(1, h))) * EARTH_RADIUS_METERS;
}
