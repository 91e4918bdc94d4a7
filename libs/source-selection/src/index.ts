/**
 * Source selection for shipment matching (MSI's SSA): which sources to deduct from, and how
 * much, for an order. Pure (no NestJS, no I/O): callers load the stock's sources and items and
 * supply a PostcodeLookup adapter for destinations without coordinates.
 */
export * from './types';
export { normalizeSku } from './demand';
export { EARTH_RADIUS_METERS, haversineMeters } from './haversine';
export { selectByPriority } from './priority';
export { selectByDistance } from './distance';
export { fewestSplitsWithPlan, selectFewestSplits } from './fewest-splits/fewest-splits';
export {
  DEFAULT_FEWEST_SPLITS_BOUNDS,
  type FewestSplitsBounds,
  type FewestSplitsPlan,
} from './fewest-splits/plan';
export { resolveDestination, type PostcodeLookup } from './postcode-lookup';
export { inMemoryPostcodeLookup } from './in-memory-postcode-lookup';
export {
  NO_DESTINATION_MESSAGE,
  NoDestinationAddressError,
  UNKNOWN_ALGORITHM_TEMPLATE,
  UnknownSourceSelectionAlgorithmError,
} from './errors';
export {
  listSourceSelectionAlgorithms,
  select,
  type SourceSelectionAlgorithmInfo,
} from './registry';
export { toSourceSelectionJson, type SourceSelectionResultJson } from './render';
export { findPickupLocations, type PickupLocation, type PickupQuery } from './pickup';
export * from './geonames/geonames-row';
export * from './geonames/geoname-entry';
