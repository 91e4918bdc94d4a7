import { candidatesBySource, demandOf } from './demand';
import { fillInOrder } from './fill';
import { codesOf, enabledByPriority } from './source-order';
import type { SelectionInput, SourceSelectionResult } from './types';

/** MSI's `priority` algorithm: the fill over enabled sources in link-priority order. */
export function selectByPriority({
  request,
  sources,
  items,
}: SelectionInput): SourceSelectionResult {
  const demand = demandOf(request.items);
  return fillInOrder(
    demand,
    codesOf(enabledByPriority(sources)),
    candidatesBySource(items, demand),
  );
}
