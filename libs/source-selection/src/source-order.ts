import { haversineMeters } from './haversine';
import type { LatLng, LinkedSource } from './types';

/**
 * MSI's GetSourcesAssignedToStockOrderedByPriority, minus the disabled ones: ascending link
 * priority, equal priorities in the caller's order. A code listed twice counts once (the
 * first), so no source is ever walked, and deducted from, twice.
 */
export function enabledByPriority(sources: readonly LinkedSource[]): LinkedSource[] {
  const seen = new Set<string>();
  const enabled: LinkedSource[] = [];
  for (const source of sources) {
    if (seen.has(source.code)) continue;
    seen.add(source.code);
    if (source.enabled) enabled.push(source);
  }
  // Array.prototype.sort is stable, which keeps the caller's order among equal priorities.
  return enabled.sort((a, b) => a.priority - b.priority);
}

/** A source's position, when both coordinates are set and finite. */
export function coordinatesOf(source: LinkedSource): LatLng | undefined {
  const { latitude, longitude } = source;
  if (typeof latitude !== 'number' || typeof longitude !== 'number') return undefined;
  if (!Number.isFinite(latitude) || !Number.isFinite(longitude)) return undefined;
  return { latitude, longitude };
}

/**
 * MSI's DistanceBasedAlgorithm order: sources with a position by ascending distance to the
 * destination, then those without one, in the order given (priority order). Equal distances
 * keep the given order, where MSI's comparator (never 0) leaves them unspecified.
 */
export function orderByDistance(sources: readonly LinkedSource[], origin: LatLng): LinkedSource[] {
  const located: { source: LinkedSource; meters: number }[] = [];
  const unlocated: LinkedSource[] = [];
  for (const source of sources) {
    const at = coordinatesOf(source);
    if (at) located.push({ source, meters: haversineMeters(at, origin) });
    else unlocated.push(source);
  }
  located.sort((a, b) => a.meters - b.meters);
  return [...located.map((l) => l.source), ...unlocated];
}

export const codesOf = (sources: readonly LinkedSource[]): string[] => sources.map((s) => s.code);
