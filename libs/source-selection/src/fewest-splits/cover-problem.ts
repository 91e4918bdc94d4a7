import type { CandidatesBySource, Demand } from '../demand';

/**
 * Fewest splits as a set multi-cover problem over flat typed arrays (the search runs many
 * thousand steps per order). Quantities are Quantity integers (ten-thousandths) held in a
 * Float64Array, exact below 2^53, so sums and differences here stay exact.
 *
 * Candidate j is the j-th source, in tie-break order, with a positive capacity for some
 * requested SKU; j is also its rank in tie-breaks. Lines requesting 0 or less are met already
 * and left out.
 */
export interface CoverProblem {
  /** Source codes of the candidates, in tie-break order. */
  codes: string[];
  /** Lines still to cover (k). */
  lines: number;
  /** demand[k] > 0. */
  demand: Float64Array;
  /** capacity[j * lines + k]: what candidate j can give line k, capped at demand[k]. */
  capacity: Float64Array;
  /** 32-bit words per line mask. */
  words: number;
  /** Lines candidate j can give something to. */
  carries: Uint32Array;
  /** Lines candidate j can cover alone (capacity = demand). */
  fills: Uint32Array;
}

export function buildCoverProblem(
  demand: Demand,
  orderedCodes: readonly string[],
  candidates: CandidatesBySource,
): CoverProblem {
  const lineOf = new Map<string, number>();
  const wanted: number[] = [];
  for (const [key, qty] of demand) {
    if (qty > 0) {
      lineOf.set(key, wanted.length);
      wanted.push(qty);
    }
  }
  const lines = wanted.length;
  const words = Math.max(1, Math.ceil(lines / 32));
  const listed = orderedCodes.filter((code) => candidates.has(code));
  const capacity = new Float64Array(listed.length * lines);
  const codes: string[] = [];
  for (const code of listed) {
    const row = codes.length * lines;
    let any = false;
    for (const { item, key } of candidates.get(code)!) {
      const k = lineOf.get(key);
      if (k === undefined || item.quantity <= 0) continue;
      // Capping each step keeps the sum of a source's duplicate items within range.
      capacity[row + k] = Math.min(capacity[row + k] + item.quantity, wanted[k]);
      any = true;
    }
    if (any) codes.push(code);
  }
  const carries = new Uint32Array(codes.length * words);
  const fills = new Uint32Array(codes.length * words);
  for (let j = 0; j < codes.length; j++) {
    for (let k = 0; k < lines; k++) {
      const bit = 1 << (k & 31);
      if (capacity[j * lines + k] > 0) carries[j * words + (k >> 5)] |= bit;
      if (capacity[j * lines + k] === wanted[k]) fills[j * words + (k >> 5)] |= bit;
    }
  }
  return {
    codes,
    lines,
    demand: Float64Array.from(wanted),
    capacity: capacity.subarray(0, codes.length * lines),
    words,
    carries,
    fills,
  };
}

/** Whether all candidates together cover every line (else no subset does). */
export function isCoverable(problem: CoverProblem): boolean {
  const { lines, demand, capacity, codes } = problem;
  for (let k = 0; k < lines; k++) {
    let total = 0;
    for (let j = 0; j < codes.length && total < demand[k]; j++) total += capacity[j * lines + k];
    if (total < demand[k]) return false;
  }
  return true;
}

/** `inner ⊆ outer` for the masks starting at the given word offsets. */
export function isSubset(
  masks: Uint32Array,
  inner: number,
  outerMasks: Uint32Array,
  outer: number,
  words: number,
): boolean {
  for (let w = 0; w < words; w++) {
    if ((masks[inner + w] & ~outerMasks[outer + w]) !== 0) return false;
  }
  return true;
}
