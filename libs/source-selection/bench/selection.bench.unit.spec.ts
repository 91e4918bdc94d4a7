import { benchData } from './bench-data';
import { run } from './selection.bench';

// Keeps the benchmark runnable; its timings are not asserted (a benchmark is not a timed test).
describe('selection benchmark', () => {
  const shape = { seed: 7, sources: 40, lines: 5, orders: 4, catalog: 60 };

  it('generates the same data from the same seed', () => {
    expect(benchData(shape)).toEqual(benchData(shape));
    expect(benchData(shape)).not.toEqual(benchData({ ...shape, seed: 8 }));
  });

  it('gives requested shapes: one order line per SKU, items of those SKUs only', () => {
    for (const order of benchData(shape).orders) {
      const skus = new Set(order.request.items.map((l) => l.sku));
      expect(skus.size).toBe(shape.lines);
      expect(order.items.every((i) => skus.has(i.sku))).toBe(true);
    }
  });

  it('reports a figure per algorithm from a short run', async () => {
    const result = await run({ ...shape, iterations: 3, warmup: 0 });
    expect(result.figures.map((f) => [f.samples, f.p50 <= f.p99])).toEqual([
      [3, true],
      [3, true],
      [3, true],
    ]);
    expect(Object.keys(result.quality.sourcesUsed)).toEqual([
      'priority',
      'distance',
      'fewest_splits',
    ]);
  });
});
