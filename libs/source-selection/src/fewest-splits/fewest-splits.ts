import { candidatesBySource, demandOf } from '../demand';
import { fillInOrder, fillOutcome, sourcesUsed } from '../fill';
import { codesOf, enabledByPriority, orderByDistance } from '../source-order';
import type { LatLng, SelectionInput, SourceSelectionResult } from '../types';
import {
  DEFAULT_FEWEST_SPLITS_BOUNDS,
  planFewestSplits,
  type FewestSplitsBounds,
  type FewestSplitsPlan,
} from './plan';

/**
 * `fewest_splits`: ship from the fewest sources that together cover the order, ties broken by
 * priority order, or by distance when `origin` (the resolved destination) is given. The rows
 * are MSI's fill over the chosen sources in that order, without a chosen source the fill ends
 * up not deducting from. When no set of sources covers the order, the answer is the `priority`
 * algorithm's. Never deducts from more sources than `priority` does: its sources seed the
 * search as a known cover.
 */
export function selectFewestSplits(
  input: SelectionInput,
  origin?: LatLng,
  bounds: FewestSplitsBounds = DEFAULT_FEWEST_SPLITS_BOUNDS,
): SourceSelectionResult {
  return fewestSplitsWithPlan(input, origin, bounds).result;
}

/** selectFewestSplits with the plan behind it (undefined: nothing covers), for diagnostics. */
export function fewestSplitsWithPlan(
  { request, sources, items }: SelectionInput,
  origin?: LatLng,
  bounds: FewestSplitsBounds = DEFAULT_FEWEST_SPLITS_BOUNDS,
): { result: SourceSelectionResult; plan: FewestSplitsPlan | undefined } {
  const demand = demandOf(request.items);
  const candidates = candidatesBySource(items, demand);
  const enabled = enabledByPriority(sources);
  const byPriority = codesOf(enabled);
  const priority = fillOutcome(demand, byPriority, candidates);
  if (!priority.shippable) {
    return { result: fillInOrder(demand, byPriority, candidates), plan: undefined };
  }
  const order = origin ? codesOf(orderByDistance(enabled, origin)) : byPriority;
  // Both fills cover here (same sources, another order): seeds the search can only improve on.
  const known = [priority.used];
  if (origin) known.push(fillOutcome(demand, order, candidates).used);
  const plan = planFewestSplits(demand, order, candidates, known, bounds);
  if (!plan) return { result: fillInOrder(demand, byPriority, candidates), plan };
  const filled = fillInOrder(demand, plan.sources, candidates);
  const used = new Set(sourcesUsed(filled));
  const rows = filled.source_selection_items.filter((r) => used.has(r.source_code));
  return { result: { source_selection_items: rows, shippable: filled.shippable }, plan };
}
