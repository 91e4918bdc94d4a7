export interface Figure {
  name: string;
  unit: string;
  median: number;
  min: number;
  max: number;
  runs: number[];
  target?: { op: '>=' | '<='; value: number };
}

/** Median, min and max of repeated runs: ratios between figures of one run hold on a noisy box. */
export function figure(
  name: string,
  unit: string,
  runs: number[],
  target?: Figure['target'],
): Figure {
  const sorted = [...runs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { name, unit, median, min: sorted[0], max: sorted[sorted.length - 1], runs, target };
}

export function meets(f: Figure): boolean | undefined {
  if (!f.target) return undefined;
  return f.target.op === '>=' ? f.median >= f.target.value : f.median <= f.target.value;
}

export async function repeat<T>(times: number, run: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < times; i++) out.push(await run(i));
  return out;
}

/** The q-quantile (0..1) of an ascending list, nearest rank; NaN for an empty list. */
export function quantile(sorted: number[], q: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}
