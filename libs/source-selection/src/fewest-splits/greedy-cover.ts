import type { CoverProblem } from './cover-problem';

/**
 * The greedy set-cover answer, used as the incumbent and as the answer past the search bound:
 * repeatedly take the candidate that completes the most open lines, then gives the most units
 * to open lines, then comes first in tie-break order. Undefined if the candidates cannot cover.
 * The result is sorted in tie-break order.
 */
export function greedyCover(problem: CoverProblem): number[] | undefined {
  const { lines, demand, capacity, codes } = problem;
  const left = Float64Array.from(demand);
  const taken = new Uint8Array(codes.length);
  const chosen: number[] = [];
  let open = left.reduce((n, q) => (q > 0 ? n + 1 : n), 0);
  while (open > 0) {
    let best = -1;
    let bestLines = -1;
    let bestUnits = 0;
    for (let j = 0; j < codes.length; j++) {
      if (taken[j]) continue;
      let completed = 0;
      let units = 0;
      for (let k = 0; k < lines; k++) {
        if (left[k] <= 0) continue;
        const give = Math.min(capacity[j * lines + k], left[k]);
        units += give;
        if (give === left[k]) completed++;
      }
      if (units > 0 && (completed > bestLines || (completed === bestLines && units > bestUnits))) {
        best = j;
        bestLines = completed;
        bestUnits = units;
      }
    }
    if (best < 0) return undefined;
    taken[best] = 1;
    chosen.push(best);
    for (let k = 0; k < lines; k++) {
      if (left[k] <= 0) continue;
      left[k] -= Math.min(capacity[best * lines + k], left[k]);
      if (left[k] <= 0) open--;
    }
  }
  return chosen.sort((a, b) => a - b);
}
