import type { CandidatesBySource, Demand } from '../demand';
import { buildCoverProblem, isCoverable, isSubset, type CoverProblem } from './cover-problem';
import { preparePool, searchCover, type SearchBudget } from './exact-search';
import { greedyCover } from './greedy-cover';
import { lowerBound, undominated } from './pruning';

/** How far the exact search may go; past it the best cover known so far is the answer. */
export interface FewestSplitsBounds {
  /** Undominated candidates the multi-source search considers, first in tie-break order. */
  maxCandidates: number;
  /** Candidate evaluations the search may spend on one order, over all subset sizes. */
  maxNodes: number;
}

export const DEFAULT_FEWEST_SPLITS_BOUNDS: FewestSplitsBounds = {
  maxCandidates: 256,
  maxNodes: 20_000,
};

export interface FewestSplitsPlan {
  /** Sources to ship from, in tie-break order. */
  sources: string[];
  /** True when no smaller or earlier-ranked cover exists (the search was not cut short). */
  exhaustive: boolean;
  /** Candidate evaluations spent. */
  nodes: number;
}

/**
 * The fewest sources that together cover every line, ties broken by tie-break order (the
 * lexicographically smallest list of ranks). `knownCovers` (source codes, e.g. those a fill
 * used) seed the incumbent with the greedy cover, so the answer is never larger than any of
 * them. Undefined when no set of sources covers the order.
 */
export function planFewestSplits(
  demand: Demand,
  orderedCodes: readonly string[],
  candidates: CandidatesBySource,
  knownCovers: readonly (readonly string[])[] = [],
  bounds: FewestSplitsBounds = DEFAULT_FEWEST_SPLITS_BOUNDS,
): FewestSplitsPlan | undefined {
  const problem = buildCoverProblem(demand, orderedCodes, candidates);
  if (problem.lines === 0) return { sources: [], exhaustive: true, nodes: 0 };
  if (!isCoverable(problem)) return undefined;
  const single = firstSingleCover(problem);
  if (single !== undefined) return plan(problem, [single], true, single + 1);
  let best = seedIncumbent(problem, knownCovers);
  const kept = undominated(problem);
  const pool = preparePool(problem, kept.slice(0, bounds.maxCandidates));
  const budget: SearchBudget = { left: bounds.maxNodes };
  let exhaustive = kept.length <= bounds.maxCandidates;
  for (let size = Math.max(2, lowerBound(problem)); size <= best.length; size++) {
    const found = searchCover(pool, size, budget, size === best.length ? best : undefined);
    if (found === 'budget') {
      exhaustive = false;
      break;
    }
    if (found !== 'none') {
      best = found;
      break;
    }
  }
  return plan(problem, best, exhaustive, bounds.maxNodes - Math.max(0, budget.left));
}

/** A source that covers the whole order alone: checked over all candidates, past the cap. */
function firstSingleCover({ codes, fills, words, lines }: CoverProblem): number | undefined {
  const all = new Uint32Array(words);
  for (let k = 0; k < lines; k++) all[k >> 5] |= 1 << (k & 31);
  for (let j = 0; j < codes.length; j++) if (isSubset(all, 0, fills, j * words, words)) return j;
  return undefined;
}

/** The best of the greedy cover and the known covers (those that do cover, as ranks). */
function seedIncumbent(
  problem: CoverProblem,
  knownCovers: readonly (readonly string[])[],
): number[] {
  const rank = new Map(problem.codes.map((code, j) => [code, j]));
  const seeds = knownCovers
    .map((cover) => cover.flatMap((code) => rank.get(code) ?? []).sort((a, b) => a - b))
    .filter((cover) => covers(problem, cover));
  // isCoverable held, so the greedy cover exists and seeds is never empty.
  seeds.push(greedyCover(problem) ?? problem.codes.map((_, j) => j));
  return seeds.reduce(better);
}

function covers({ lines, demand, capacity }: CoverProblem, cover: readonly number[]): boolean {
  for (let k = 0; k < lines; k++) {
    let total = 0;
    for (const j of cover) total += capacity[j * lines + k];
    if (total < demand[k]) return false;
  }
  return true;
}

/** Fewer sources first, then the lexicographically smaller ranks. */
function better(a: number[], b: number[]): number[] {
  if (a.length !== b.length) return a.length < b.length ? a : b;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i] ? a : b;
  return a;
}

function plan(
  problem: CoverProblem,
  cover: number[],
  exhaustive: boolean,
  nodes: number,
): FewestSplitsPlan {
  return { sources: cover.map((j) => problem.codes[j]), exhaustive, nodes };
}
