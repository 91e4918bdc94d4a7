import { candidatesBySource, demandOf } from '../demand';
import { item, request } from '../selection.fixture';
import type { SourceItem } from '../types';
import { buildCoverProblem } from './cover-problem';
import { greedyCover } from './greedy-cover';
import { lowerBound, undominated } from './pruning';

/** A cover problem over sources named in tie-break order. */
function problemOf(codes: string[], items: SourceItem[], lines: [string, number][]) {
  const demand = demandOf(request(lines).items);
  return buildCoverProblem(demand, codes, candidatesBySource(items, demand));
}

describe('cover problem pruning', () => {
  it('bounds the sources needed by the hungriest line, largest capacities first', () => {
    const problem = problemOf(
      ['a', 'b', 'c', 'd'],
      [item('a', 'X', 6), item('b', 'X', 5), item('c', 'X', 4), item('d', 'Y', 1)],
      [
        ['X', 10],
        ['Y', 1],
      ],
    );
    expect(lowerBound(problem)).toBe(2);
    const three = problemOf(
      ['a', 'b', 'c'],
      [item('a', 'X', 4), item('b', 'X', 4), item('c', 'X', 4)],
      [['X', 12]],
    );
    expect(lowerBound(three)).toBe(3);
  });

  it('drops a candidate only when an earlier one fills every line it serves', () => {
    const problem = problemOf(
      ['full', 'partial', 'sub', 'late-full', 'half'],
      [
        item('full', 'X', 5),
        item('full', 'Y', 5),
        item('partial', 'X', 2),
        item('partial', 'Z', 1),
        item('sub', 'Y', 1),
        item('late-full', 'X', 9),
        item('half', 'Z', 0.5),
      ],
      [
        ['X', 5],
        ['Y', 5],
        ['Z', 1],
      ],
    );
    // "sub" and "late-full" serve only lines "full" fills; "partial" and "half" serve Z, which
    // nobody earlier fills ("partial" does, but "half" comes after it: dropped too).
    expect(undominated(problem).map((j) => problem.codes[j])).toEqual(['full', 'partial']);
  });

  it('keeps what an earlier candidate only carries, without filling', () => {
    const problem = problemOf(
      ['big', 'small'],
      [item('big', 'X', 6), item('small', 'X', 5)],
      [['X', 10]],
    );
    expect(undominated(problem).map((j) => problem.codes[j])).toEqual(['big', 'small']);
  });

  it('covers greedily by lines completed, then units, then the earliest', () => {
    const problem = problemOf(
      ['early', 'lines', 'late-twin', 'units', 'more-units'],
      [
        item('early', 'X', 1),
        item('lines', 'X', 1),
        item('lines', 'Z', 1),
        item('late-twin', 'X', 1),
        item('late-twin', 'Z', 1),
        item('units', 'Y', 6),
        item('more-units', 'Y', 8),
      ],
      [
        ['X', 1],
        ['Y', 10],
        ['Z', 1],
      ],
    );
    // "lines" completes two lines and ties its later twin; then no one completes Y, and
    // "more-units" gives more of it than "units", which then completes it.
    expect(greedyCover(problem)?.map((j) => problem.codes[j])).toEqual([
      'lines',
      'units',
      'more-units',
    ]);
    const short = problemOf(['a'], [item('a', 'X', 1)], [['X', 2]]);
    expect(greedyCover(short)).toBeUndefined();
  });
});
