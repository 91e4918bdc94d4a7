import fc from 'fast-check';
import type { Quantity } from '@inventory/kernel';
import { normalizeSku } from './demand';
import { selectByDistance } from './distance';
import { selectFewestSplits } from './fewest-splits/fewest-splits';
import { selectByPriority } from './priority';
import { used } from './selection.fixture';
import { codesOf, enabledByPriority, orderByDistance } from './source-order';
import type { LatLng, SelectionInput, SourceSelectionResult } from './types';

const SKUS = ['a', 'b', 'c', 'd'];
const spelling = (sku: string) => fc.constantFrom(sku, sku.toUpperCase());
const position = fc.record({
  latitude: fc.double({ min: -60, max: 70, noNaN: true }),
  longitude: fc.double({ min: -180, max: 180, noNaN: true }),
});
// Ten-thousandths: fractional quantities, some negative, many small enough to need splits.
const available = fc.integer({ min: -20_000, max: 120_000 }).map((n) => n as Quantity);
const wanted = fc.integer({ min: 1, max: 200_000 }).map((n) => n as Quantity);

const scenario = fc
  .record({
    sources: fc.array(
      fc.record({
        priority: fc.integer({ min: 0, max: 4 }),
        enabled: fc.constantFrom(true, true, true, false),
        at: fc.option(position, { nil: undefined }),
      }),
      { minLength: 1, maxLength: 9 },
    ),
    items: fc.array(
      fc.record({
        // 9 is never a linked source: its items must be ignored.
        source: fc.integer({ min: 0, max: 9 }),
        sku: fc.constantFrom(...SKUS).chain(spelling),
        quantity: available,
        in_stock: fc.constantFrom(true, true, true, false),
      }),
      { maxLength: 40 },
    ),
    lines: fc.uniqueArray(fc.constantFrom(...SKUS), { minLength: 1, maxLength: 4 }),
    qtys: fc.array(wanted, { minLength: 4, maxLength: 4 }),
    spellings: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
    origin: fc.option(position, { nil: undefined }),
  })
  .map(({ sources, items, lines, qtys, spellings, origin }) => ({
    origin,
    input: {
      request: {
        stockId: 1,
        items: lines.map((sku, i) => ({
          sku: spellings[i] ? sku.toUpperCase() : sku,
          qty: qtys[i],
        })),
      },
      sources: sources.map((s, i) => ({
        code: `s${i}`,
        priority: s.priority,
        enabled: s.enabled,
        ...(s.at ?? {}),
      })),
      items: items.map((it) => ({ ...it, source_code: `s${it.source}` })),
    } as SelectionInput,
  }));

/** Positive in-stock quantity by "source/sku" at enabled linked sources. */
function capacities({ sources, items }: SelectionInput): Map<string, number> {
  const enabled = new Set(sources.filter((s) => s.enabled).map((s) => s.code));
  const caps = new Map<string, number>();
  for (const it of items) {
    if (!enabled.has(it.source_code) || !it.in_stock || it.quantity <= 0) continue;
    const key = `${it.source_code}/${normalizeSku(it.sku)}`;
    caps.set(key, (caps.get(key) ?? 0) + it.quantity);
  }
  return caps;
}

function checkBounds(input: SelectionInput, result: SourceSelectionResult): void {
  const caps = capacities(input);
  const bySourceSku = new Map<string, number>();
  const bySku = new Map<string, number>();
  for (const row of result.source_selection_items) {
    expect(row.qty_to_deduct).toBeGreaterThanOrEqual(0);
    expect(row.qty_to_deduct).toBeLessThanOrEqual(Math.max(0, row.qty_available));
    const key = `${row.source_code}/${normalizeSku(row.sku)}`;
    bySourceSku.set(key, (bySourceSku.get(key) ?? 0) + row.qty_to_deduct);
    const sku = normalizeSku(row.sku);
    bySku.set(sku, (bySku.get(sku) ?? 0) + row.qty_to_deduct);
  }
  for (const [key, deducted] of bySourceSku) {
    expect(deducted).toBeLessThanOrEqual(caps.get(key) ?? 0);
  }
  const requested = new Map(input.request.items.map((l) => [normalizeSku(l.sku), l.qty]));
  for (const [sku, deducted] of bySku) expect(deducted).toBeLessThanOrEqual(requested.get(sku)!);
  const covered = [...requested].every(([sku, qty]) => (bySku.get(sku) ?? 0) === qty);
  expect(result.shippable).toBe(covered);
}

const algorithms: [string, (input: SelectionInput, origin?: LatLng) => SourceSelectionResult][] = [
  ['priority', (input) => selectByPriority(input)],
  ['distance', (input, origin) => selectByDistance(input, origin ?? { latitude: 0, longitude: 0 })],
  ['fewest_splits', (input, origin) => selectFewestSplits(input, origin)],
];

describe('source selection properties', () => {
  it.each(algorithms)(
    '%s never plans more than a source has or than was asked; shippable iff all covered',
    (_name, run) => {
      fc.assert(
        fc.property(scenario, ({ input, origin }) => checkBounds(input, run(input, origin))),
        { numRuns: 300 },
      );
    },
  );

  it('fewest_splits never deducts from more sources than priority', () => {
    fc.assert(
      fc.property(scenario, ({ input, origin }) => {
        const fewest = used(selectFewestSplits(input, origin)).length;
        expect(fewest).toBeLessThanOrEqual(used(selectByPriority(input)).length);
      }),
      { numRuns: 300 },
    );
  });

  it('fewest_splits cut short by tight bounds still plans a cover, no larger, no idle rows', () => {
    const bounds = fc.record({
      maxCandidates: fc.integer({ min: 0, max: 4 }),
      maxNodes: fc.integer({ min: 0, max: 30 }),
    });
    fc.assert(
      fc.property(scenario, bounds, ({ input, origin }, tight) => {
        const result = selectFewestSplits(input, origin, tight);
        checkBounds(input, result);
        expect(used(result).length).toBeLessThanOrEqual(used(selectByPriority(input)).length);
        // Rows only for sources it deducts from, unless it fell back to priority's answer.
        const rowSources = new Set(result.source_selection_items.map((r) => r.source_code));
        if (result.shippable) expect([...rowSources].sort()).toEqual(used(result).sort());
      }),
      { numRuns: 300 },
    );
  });

  it('fewest_splits finds the smallest, then earliest-ranked, cover (brute force)', () => {
    fc.assert(
      fc.property(scenario, ({ input, origin }) => {
        const result = selectFewestSplits(input, origin);
        const best = bruteForceCover(input, origin);
        if (best === undefined) expect(result).toEqual(selectByPriority(input));
        else expect(used(result).sort()).toEqual([...best].sort());
      }),
      { numRuns: 300 },
    );
  });

  it('priority matches a direct transcription of MSI (items sorted by source position)', () => {
    fc.assert(
      fc.property(scenario, ({ input }) => {
        expect(selectByPriority(input)).toEqual(msiPriority(input));
      }),
      { numRuns: 300 },
    );
  });
});

/** Every subset of the enabled sources, smallest first, then by ranks in tie-break order. */
function bruteForceCover(input: SelectionInput, origin?: LatLng): string[] | undefined {
  const byPriority = enabledByPriority(input.sources);
  const order = codesOf(origin ? orderByDistance(byPriority, origin) : byPriority);
  const caps = capacities(input);
  const demand = new Map(input.request.items.map((l) => [normalizeSku(l.sku), l.qty as number]));
  const covers = (subset: string[]) =>
    [...demand].every(
      ([sku, qty]) => subset.reduce((n, code) => n + (caps.get(`${code}/${sku}`) ?? 0), 0) >= qty,
    );
  const subsets = Array.from({ length: 2 ** order.length }, (_, mask) =>
    order.flatMap((_code, i) => (mask & (1 << i) ? [i] : [])),
  );
  const lexicographic = (a: number[], b: number[]) =>
    a.length - b.length || a.reduce((d, x, i) => d || x - b[i], 0);
  const found = subsets
    .filter((ranks) => covers(ranks.map((i) => order[i])))
    .sort(lexicographic)[0];
  return found?.map((i) => order[i]);
}

/** GetDefaultSortedSourcesResult as written in PHP, for comparison. */
function msiPriority({ request, sources, items }: SelectionInput): SourceSelectionResult {
  const sorted = codesOf(enabledByPriority(sources));
  const toDeliver = new Map<string, number>();
  for (const line of request.items) toDeliver.set(line.sku.toLowerCase(), line.qty);
  const sourceItems = items
    .filter((it) => it.in_stock && toDeliver.has(it.sku.toLowerCase()))
    .filter((it) => sorted.includes(it.source_code))
    .map((it, position) => ({ it, position }))
    .sort((x, y) => {
      const bySource = sorted.indexOf(x.it.source_code) - sorted.indexOf(y.it.source_code);
      return bySource || x.position - y.position;
    })
    .map(({ it }) => it);
  const rows = sourceItems.map((it) => {
    const key = it.sku.toLowerCase();
    const qtyToDeduct = Math.min(Math.max(it.quantity, 0), toDeliver.get(key)!) as Quantity;
    toDeliver.set(key, toDeliver.get(key)! - qtyToDeduct);
    const row = { source_code: it.source_code, sku: it.sku, qty_to_deduct: qtyToDeduct };
    return { ...row, qty_available: it.quantity };
  });
  const shippable = [...toDeliver.values()].every((left) => left <= 0);
  return { source_selection_items: rows, shippable };
}
