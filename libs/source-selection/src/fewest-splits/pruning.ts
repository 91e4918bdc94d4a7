import { isSubset, type CoverProblem } from './cover-problem';

/**
 * The fewest sources any cover needs: the most any single line needs when it takes its
 * largest capacities first.
 */
export function lowerBound(problem: CoverProblem): number {
  const { lines, demand, capacity, codes } = problem;
  let bound = 0;
  for (let k = 0; k < lines; k++) {
    const caps: number[] = [];
    for (let j = 0; j < codes.length; j++) {
      const c = capacity[j * lines + k];
      if (c > 0) caps.push(c);
    }
    caps.sort((a, b) => b - a);
    let sum = 0;
    let needed = 0;
    while (sum < demand[k] && needed < caps.length) sum += caps[needed++];
    bound = Math.max(bound, needed);
  }
  return bound;
}

/**
 * Candidates that can be in the tie-break-smallest minimal cover. Candidate b is left out when
 * an earlier candidate a can cover alone every line b serves: a cover holding both does not
 * need b, and one holding b without a stays a cover, no larger and earlier, with a instead.
 * (A weaker "a has at least b's capacities" rule would be wrong here: a line may need both.)
 */
export function undominated(problem: CoverProblem): number[] {
  const { codes, words, carries, fills } = problem;
  const dominators: number[] = [];
  const kept: number[] = [];
  for (let b = 0; b < codes.length; b++) {
    let dominated = false;
    for (const a of dominators) {
      if (isSubset(carries, b * words, fills, a * words, words)) {
        dominated = true;
        break;
      }
    }
    if (dominated) continue;
    kept.push(b);
    if (hasAny(fills, b * words, words)) dominators.push(b);
  }
  return kept;
}

function hasAny(masks: Uint32Array, at: number, words: number): boolean {
  for (let w = 0; w < words; w++) if (masks[at + w] !== 0) return true;
  return false;
}
