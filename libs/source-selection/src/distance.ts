import { candidatesBySource, demandOf } from './demand';
import { fillInOrder } from './fill';
import { codesOf, enabledByPriority, orderByDistance } from './source-order';
import type { LatLng, SelectionInput, SourceSelectionResult } from './types';

/**
 * MSI's `distance` algorithm with the offline provider: the fill over enabled sources nearest
 * first (haversine from the destination), sources without a position last in priority order.
 * `origin` is the resolved destination (see resolveDestination).
 */
export function selectByDistance(
  { request, sources, items }: SelectionInput,
  origin: LatLng,
): SourceSelectionResult {
  const demand = demandOf(request.items);
  const order = orderByDistance(enabledByPriority(sources), origin);
  return fillInOrder(demand, codesOf(order), candidatesBySource(items, demand));
}
