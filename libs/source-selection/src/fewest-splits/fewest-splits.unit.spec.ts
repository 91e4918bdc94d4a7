import { candidatesBySource, demandOf } from '../demand';
import { selectByPriority } from '../priority';
import { CITIES, item, request, rows, source, used } from '../selection.fixture';
import type { SelectionInput } from '../types';
import { selectFewestSplits } from './fewest-splits';
import { planFewestSplits, type FewestSplitsBounds } from './plan';

const input = (
  sources: SelectionInput['sources'],
  items: SelectionInput['items'],
  lines: [string, number][],
): SelectionInput => ({ request: request(lines), sources, items });

const planOf = ({ request: r, sources, items }: SelectionInput, bounds?: FewestSplitsBounds) => {
  const demand = demandOf(r.items);
  const order = [...sources].sort((a, b) => a.priority - b.priority).map((s) => s.code);
  return planFewestSplits(demand, order, candidatesBySource(items, demand), [], bounds);
};

// Greedy set cover's classic trap: "wide" serves four of six lines, yet "odd" and "even"
// together serve all six; priority (and greedy) take three sources.
const trap = input(
  [source('wide', 1), source('odd', 2), source('even', 3)],
  [
    ...['L1', 'L2', 'L3', 'L4'].map((sku) => item('wide', sku, 1)),
    ...['L1', 'L3', 'L5'].map((sku) => item('odd', sku, 1)),
    ...['L2', 'L4', 'L6'].map((sku) => item('even', sku, 1)),
  ],
  ['L1', 'L2', 'L3', 'L4', 'L5', 'L6'].map((sku) => [sku, 1]),
);

describe('fewest_splits', () => {
  it('ships from one source that has everything where priority splits over two', () => {
    const order = input(
      [source('a', 1), source('b', 2), source('c', 3)],
      [item('a', 'X', 5), item('b', 'Y', 5), item('c', 'X', 5), item('c', 'Y', 5)],
      [
        ['X', 5],
        ['Y', 5],
      ],
    );
    expect(used(selectByPriority(order))).toEqual(['a', 'b']);
    const result = selectFewestSplits(order);
    expect(rows(result)).toEqual([
      ['c', 'X', 5, 5],
      ['c', 'Y', 5, 5],
    ]);
    expect(result.shippable).toBe(true);
  });

  it('finds the smaller cover greedy set cover misses', () => {
    expect(used(selectByPriority(trap))).toEqual(['wide', 'odd', 'even']);
    expect(used(selectFewestSplits(trap))).toEqual(['odd', 'even']);
    expect(planOf(trap)).toMatchObject({ sources: ['odd', 'even'], exhaustive: true });
  });

  it('past its node bound answers the best cover known, never more sources than priority', () => {
    const bounds = { maxCandidates: 64, maxNodes: 0 };
    expect(planOf(trap, bounds)).toMatchObject({ exhaustive: false });
    expect(used(selectFewestSplits(trap, undefined, bounds))).toEqual(['wide', 'odd', 'even']);
  });

  it('past its bound drops a known cover source the fill in distance order leaves idle', () => {
    // Nearest first: n1, n2 (a little of L1 each), odd (Paris), even (Madrid), wide (Berlin).
    // Unsearched, the best known cover is priority's {wide, odd, even}; filled nearest first,
    // odd and even cover everything and wide deducts nothing, so it gets no rows.
    const order = input(
      [
        source('wide', 1, CITIES.berlin),
        source('odd', 2, CITIES.paris),
        source('even', 3, CITIES.madrid),
        source('n1', 4, CITIES.lyon),
        source('n2', 5, { latitude: 45.7, longitude: 4.8 }),
      ],
      [...trap.items, item('n1', 'L1', 0.4), item('n2', 'L1', 0.4)],
      ['L1', 'L2', 'L3', 'L4', 'L5', 'L6'].map((sku) => [sku, 1]),
    );
    const result = selectFewestSplits(order, CITIES.lyon, { maxCandidates: 64, maxNodes: 0 });
    expect(used(result)).toEqual(['odd', 'even']);
    expect(result.source_selection_items.map((r) => r.source_code)).not.toContain('wide');
  });

  it('past its bound keeps priority sources when greedy set cover would take more', () => {
    // Greedy, as the nearest-first fill, takes "c" first (four lines), then needs "a" and "b".
    const lines = ['L1', 'L2', 'L3', 'L4', 'L5', 'L6'];
    const order = input(
      [source('a', 1, CITIES.paris), source('b', 2, CITIES.madrid), source('c', 3, CITIES.lyon)],
      [
        ...['L1', 'L2', 'L3'].map((sku) => item('a', sku, 1)),
        ...['L4', 'L5', 'L6'].map((sku) => item('b', sku, 1)),
        ...['L1', 'L2', 'L4', 'L5'].map((sku) => item('c', sku, 1)),
      ],
      lines.map((sku) => [sku, 1]),
    );
    const bounds = { maxCandidates: 64, maxNodes: 0 };
    expect(used(selectFewestSplits(order, CITIES.lyon, bounds))).toEqual(['a', 'b']);
  });

  it('past its candidate cap still answers a cover, marked not exhaustive', () => {
    const bounds = { maxCandidates: 1, maxNodes: 10_000 };
    expect(planOf(trap, bounds)).toMatchObject({ exhaustive: false });
    expect(selectFewestSplits(trap, undefined, bounds).shippable).toBe(true);
  });

  it('breaks ties between equally small covers by priority', () => {
    const order = input(
      [source('late', 2), source('early', 1)],
      [item('late', 'X', 9), item('early', 'X', 9)],
      [['X', 3]],
    );
    expect(rows(selectFewestSplits(order))).toEqual([['early', 'X', 3, 9]]);
  });

  it('breaks ties by distance when the destination is known', () => {
    const order = input(
      [source('berlin', 1, CITIES.berlin), source('paris', 2, CITIES.paris)],
      [item('berlin', 'X', 9), item('paris', 'X', 9)],
      [['X', 3]],
    );
    expect(rows(selectFewestSplits(order, CITIES.lyon))).toEqual([['paris', 'X', 3, 9]]);
    expect(rows(selectFewestSplits(order, CITIES.berlin))).toEqual([['berlin', 'X', 3, 9]]);
  });

  it('picks the earliest pair among two-source covers, rows in MSI shape', () => {
    const order = input(
      [source('s1', 1), source('s2', 2), source('s3', 3), source('s4', 4), source('s5', 5)],
      [
        item('s1', 'X', 10),
        item('s2', 'Y', 4),
        item('s3', 'Y', 10),
        item('s3', 'X', 3),
        item('s4', 'X', 6),
        item('s4', 'Y', 6),
        item('s5', 'X', 4),
        item('s5', 'Y', 4),
      ],
      [
        ['X', 10],
        ['Y', 10],
      ],
    );
    expect(used(selectByPriority(order))).toEqual(['s1', 's2', 's3']);
    expect(rows(selectFewestSplits(order))).toEqual([
      ['s1', 'X', 10, 10],
      ['s3', 'Y', 10, 10],
      ['s3', 'X', 0, 3],
    ]);
  });

  it('uses two sources for one line when neither has enough alone', () => {
    // "big" has at least what "small" has on every line, yet both are needed.
    const order = input(
      [source('big', 1), source('small', 2), source('other', 3)],
      [item('big', 'X', 6), item('small', 'X', 5), item('other', 'Y', 1)],
      [['X', 10]],
    );
    expect(used(selectFewestSplits(order))).toEqual(['big', 'small']);
  });

  it('keeps a source whose lines an earlier source carries but cannot fill', () => {
    // "half" comes before "even" and carries its lines, but fills only L2: pruning "even" as
    // dominated would leave three sources.
    const order = input(
      [...trap.sources.slice(0, 2), source('half', 3), source('even', 4)],
      [...trap.items, item('half', 'L2', 1), item('half', 'L4', 0.5), item('half', 'L6', 0.5)],
      ['L1', 'L2', 'L3', 'L4', 'L5', 'L6'].map((sku) => [sku, 1]),
    );
    expect(used(selectByPriority(order))).toEqual(['wide', 'odd', 'half', 'even']);
    expect(used(selectFewestSplits(order))).toEqual(['odd', 'even']);
  });

  it('falls back to the priority answer when no set of sources covers the order', () => {
    const order = input(
      [source('a', 1), source('b', 2)],
      [item('a', 'X', 2), item('b', 'X', 2), item('b', 'Y', 1)],
      [
        ['X', 5],
        ['Y', 1],
      ],
    );
    const result = selectFewestSplits(order);
    expect(result).toEqual(selectByPriority(order));
    expect(result.shippable).toBe(false);
    expect(planOf(order)).toBeUndefined();
  });

  it('skips disabled sources and out-of-stock items', () => {
    const order = input(
      [source('off', 1, { enabled: false }), source('oos', 2), source('a', 3), source('b', 4)],
      [
        item('off', 'X', 9),
        item('off', 'Y', 9),
        item('oos', 'X', 9, false),
        item('oos', 'Y', 9, false),
        item('a', 'X', 9),
        item('b', 'Y', 9),
      ],
      [
        ['x', 1],
        ['y', 1],
      ],
    );
    expect(used(selectFewestSplits(order))).toEqual(['a', 'b']);
  });
});
