import { fewestSplitsWithPlan } from '../src/fewest-splits/fewest-splits';
import { inMemoryPostcodeLookup } from '../src/in-memory-postcode-lookup';
import { resolveDestination, type PostcodeLookup } from '../src/postcode-lookup';
import { select } from '../src/registry';
import type { SourceSelectionResult } from '../src/types';
import { benchData, type BenchData, type BenchDataOptions } from './bench-data';

export interface SelectionBenchOptions extends Partial<BenchDataOptions> {
  /** Timed selections per algorithm; default 5,000. */
  iterations?: number;
  /** Untimed selections per algorithm first, so the JIT has settled; default 500. */
  warmup?: number;
}

export interface SelectionBenchFigure {
  name: string;
  unit: 'ms';
  p50: number;
  p99: number;
  mean: number;
  max: number;
  /** The same quantiles of CPU time (user + system): what the figure would be on an idle box. */
  cpuP50: number;
  cpuP99: number;
  samples: number;
}

export interface SelectionBenchResult {
  sources: number;
  lines: number;
  orders: number;
  figures: SelectionBenchFigure[];
  /** Per order on average: sources deducted from, and how often the search was exhaustive. */
  quality: {
    sourcesUsed: Record<string, number>;
    fewestSplitsExhaustiveShare: number;
    fewestSplitsMeanNodes: number;
    fewestSplitsMaxNodes: number;
  };
}

const ALGORITHMS = ['priority', 'distance', 'fewest_splits'];

/**
 * In-process cost of one selection (the `select` entry point, destination resolved through the
 * in-memory postcode lookup) for orders of `lines` lines over `sources` sources, on seeded data.
 * A benchmark, not a test: it asserts nothing and its numbers depend on the machine.
 */
export async function run(options: SelectionBenchOptions = {}): Promise<SelectionBenchResult> {
  const shape = { seed: 42, sources: 500, lines: 20, orders: 200, catalog: 2_000, ...options };
  const data = benchData(shape);
  const lookup = inMemoryPostcodeLookup(data.postcodes);
  const iterations = options.iterations ?? 5_000;
  const warmup = options.warmup ?? 500;
  const once = (code: string, i: number): Promise<SourceSelectionResult> => {
    const order = data.orders[i % data.orders.length];
    return select(code, order.request, data.sources, order.items, lookup);
  };
  const figures: SelectionBenchFigure[] = [];
  for (const code of ALGORITHMS) {
    for (let i = 0; i < warmup; i++) await once(code, i);
    const wall: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < iterations; i++) {
      const cpuStart = process.cpuUsage();
      const start = process.hrtime.bigint();
      await once(code, i);
      wall.push(Number(process.hrtime.bigint() - start) / 1e6);
      const used = process.cpuUsage(cpuStart);
      cpu.push((used.user + used.system) / 1e3);
    }
    figures.push(
      figure(`${code} selection, ${shape.lines} lines over ${shape.sources} sources`, wall, cpu),
    );
  }
  return {
    sources: shape.sources,
    lines: shape.lines,
    orders: shape.orders,
    figures,
    quality: await quality(data, lookup),
  };
}

async function quality(
  data: BenchData,
  lookup: PostcodeLookup,
): Promise<SelectionBenchResult['quality']> {
  const used: Record<string, number> = {};
  let exhaustive = 0;
  let nodes = 0;
  let maxNodes = 0;
  for (const order of data.orders) {
    for (const code of ALGORITHMS) {
      const result = await select(code, order.request, data.sources, order.items, lookup);
      const deducting = result.source_selection_items.filter((r) => r.qty_to_deduct > 0);
      used[code] = (used[code] ?? 0) + new Set(deducting.map((r) => r.source_code)).size;
    }
    const origin = await resolveDestination(order.request.destination, lookup);
    const { plan } = fewestSplitsWithPlan({ ...order, sources: data.sources }, origin);
    if (plan?.exhaustive) exhaustive++;
    nodes += plan?.nodes ?? 0;
    maxNodes = Math.max(maxNodes, plan?.nodes ?? 0);
  }
  const n = data.orders.length;
  const sourcesUsed = Object.fromEntries(
    Object.entries(used).map(([code, sum]) => [code, sum / n]),
  );
  return {
    sourcesUsed,
    fewestSplitsExhaustiveShare: exhaustive / n,
    fewestSplitsMeanNodes: nodes / n,
    fewestSplitsMaxNodes: maxNodes,
  };
}

/** Nearest-rank quantiles, as scripts/bench/stats.ts computes them. */
function figure(name: string, wall: number[], cpu: number[]): SelectionBenchFigure {
  const at = (sorted: number[], q: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  const w = [...wall].sort((a, b) => a - b);
  const c = [...cpu].sort((a, b) => a - b);
  return {
    name,
    unit: 'ms',
    p50: at(w, 0.5),
    p99: at(w, 0.99),
    mean: w.reduce((sum, x) => sum + x, 0) / w.length,
    max: at(w, 1),
    cpuP50: at(c, 0.5),
    cpuP99: at(c, 0.99),
    samples: w.length,
  };
}

// `node dist/libs/source-selection/bench/selection.bench.js [iterations]`
if (require.main === module) {
  const iterationsArg = process.argv.slice(2).find((a) => /^\d+$/.test(a));
  run({ iterations: iterationsArg ? Number(iterationsArg) : undefined }).then(
    (result) => console.log(JSON.stringify(result, null, 2)),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
