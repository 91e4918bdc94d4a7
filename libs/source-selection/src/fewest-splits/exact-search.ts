import { isSubset, type CoverProblem } from './cover-problem';

/** Candidate evaluations left to the search, shared by every size it tries. */
export interface SearchBudget {
  left: number;
}

/** A cover (candidate indices, ascending), none of that size, or the budget ran out. */
export type SearchResult = number[] | 'none' | 'budget';

/** A pool of candidates (ascending indices) with the suffix bounds the search prunes with. */
export interface SearchPool {
  problem: CoverProblem;
  pool: readonly number[];
  /** [i * lines + k]: sum and max of capacity for line k over pool[i..]. */
  suffixSum: Float64Array;
  suffixMax: Float64Array;
}

export function preparePool(problem: CoverProblem, pool: readonly number[]): SearchPool {
  const { lines, capacity } = problem;
  const suffixSum = new Float64Array((pool.length + 1) * lines);
  const suffixMax = new Float64Array((pool.length + 1) * lines);
  for (let i = pool.length - 1; i >= 0; i--) {
    for (let k = 0; k < lines; k++) {
      const c = capacity[pool[i] * lines + k];
      suffixSum[i * lines + k] = suffixSum[(i + 1) * lines + k] + c;
      suffixMax[i * lines + k] = Math.max(suffixMax[(i + 1) * lines + k], c);
    }
  }
  return { problem, pool, suffixSum, suffixMax };
}

interface Walk {
  at: SearchPool;
  size: number;
  budget: SearchBudget;
  ceiling: readonly number[] | undefined;
  /** left[d]: what each line still needs before the d-th pick. */
  left: Float64Array[];
  chosen: number[];
  need: Uint32Array;
}

/**
 * Covers of exactly `size` candidates from the pool, enumerated in lexicographic order of
 * their ranks, so the first one found is the tie-break smallest of that size. With `ceiling`
 * (a known cover of this size) only covers ranked before it are sought. A pick that gives
 * nothing to an open line is skipped: a cover with it would have a smaller cover inside.
 */
export function searchCover(
  at: SearchPool,
  size: number,
  budget: SearchBudget,
  ceiling?: readonly number[],
): SearchResult {
  const { lines, demand, words } = at.problem;
  const left = Array.from({ length: size + 1 }, () => new Float64Array(lines));
  left[0].set(demand);
  const walk: Walk = { at, size, budget, ceiling, left, chosen: [], need: new Uint32Array(words) };
  return pick(walk, 0, 0, ceiling !== undefined);
}

function pick(walk: Walk, depth: number, start: number, tight: boolean): SearchResult {
  const picks = walk.size - depth;
  if (picks === 1) return lastPick(walk, depth, start, tight);
  const { problem, pool } = walk.at;
  const { lines, capacity } = problem;
  const here = walk.left[depth];
  const next = walk.left[depth + 1];
  for (let i = start; i <= pool.length - picks; i++) {
    if (--walk.budget.left < 0) return 'budget';
    const j = pool[i];
    if (tight && j > walk.ceiling![depth]) break;
    let gives = false;
    for (let k = 0; k < lines; k++) {
      const c = capacity[j * lines + k];
      if (here[k] > 0 && c > 0) gives = true;
      next[k] = here[k] > c ? here[k] - c : 0;
    }
    if (!gives || !canFinish(walk.at, next, i + 1, picks - 1)) continue;
    walk.chosen[depth] = j;
    const found = pick(walk, depth + 1, i + 1, tight && j === walk.ceiling![depth]);
    if (found !== 'none') return found;
  }
  return 'none';
}

/** Whether `picks` more candidates from pool[from..] could still close every open line. */
function canFinish(at: SearchPool, left: Float64Array, from: number, picks: number): boolean {
  const { lines } = at.problem;
  for (let k = 0; k < lines; k++) {
    if (left[k] <= 0) continue;
    const s = from * lines + k;
    if (at.suffixSum[s] < left[k] || at.suffixMax[s] * picks < left[k]) return false;
  }
  return true;
}

/** The last pick must close every open line alone: a mask test first, then the quantities. */
function lastPick(walk: Walk, depth: number, start: number, tight: boolean): SearchResult {
  const { problem, pool } = walk.at;
  const { lines, capacity, carries, words } = problem;
  const here = walk.left[depth];
  walk.need.fill(0);
  for (let k = 0; k < lines; k++) if (here[k] > 0) walk.need[k >> 5] |= 1 << (k & 31);
  for (let i = start; i < pool.length; i++) {
    if (--walk.budget.left < 0) return 'budget';
    const j = pool[i];
    if (tight && j > walk.ceiling![depth]) break;
    if (!isSubset(walk.need, 0, carries, j * words, words)) continue;
    let closes = true;
    for (let k = 0; k < lines && closes; k++) closes = capacity[j * lines + k] >= here[k];
    if (closes) {
      walk.chosen[depth] = j;
      return walk.chosen.slice(0, walk.size);
    }
  }
  return 'none';
}
