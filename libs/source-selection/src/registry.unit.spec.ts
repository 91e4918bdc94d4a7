import { selectByPriority } from './priority';
import { listSourceSelectionAlgorithms, select } from './registry';
import { UnknownSourceSelectionAlgorithmError } from './errors';
import { item, request, source } from './selection.fixture';
import { toSourceSelectionJson } from './render';

const sources = [source('a', 1), source('b', 2)];
const items = [item('a', 'X', 1), item('b', 'X', 1.25), item('b', 'Y', 3)];

describe('source selection algorithm registry', () => {
  it('lists the algorithms as MSI does, with its titles for priority and distance', () => {
    expect(listSourceSelectionAlgorithms()).toEqual([
      {
        code: 'priority',
        title: 'Source Priority',
        description:
          'Algorithm which provides Source Selections based on predefined priority of Source',
      },
      {
        code: 'distance',
        title: 'Distance Priority',
        description:
          'Algorithm which provides Source Selections based on shipping address distance from the source',
      },
      expect.objectContaining({ code: 'fewest_splits', title: 'Fewest Splits' }),
    ]);
  });

  it('runs the algorithm named by its code', async () => {
    const order = request([
      ['X', 1],
      ['Y', 1],
    ]);
    const input = { request: order, sources, items };
    expect(await select('priority', order, sources, items)).toEqual(selectByPriority(input));
    const fewest = await select('fewest_splits', order, sources, items);
    expect(fewest.source_selection_items.map((r) => r.source_code)).toEqual(['b', 'b']);
  });

  it('runs fewest_splits without a destination, ties by priority', async () => {
    const order = request([['X', 1]], { country: 'FR', postcode: '75001' });
    const result = await select('fewest_splits', order, sources, items);
    expect(result.source_selection_items.map((r) => r.source_code)).toEqual(['a']);
  });

  it('refuses an unknown code with MSI message', async () => {
    const run = select('nearest', request([['X', 1]]), sources, items);
    await expect(run).rejects.toThrow(UnknownSourceSelectionAlgorithmError);
    await expect(run).rejects.toMatchObject({
      message: 'There is no such Source Selection Algorithm implemented: nearest',
      code: 'UNKNOWN_SOURCE_SELECTION_ALGORITHM',
      kind: 'invalid',
      details: {
        template: 'There is no such Source Selection Algorithm implemented: %1',
        parameters: { 1: 'nearest' },
      },
    });
  });
});

describe('toSourceSelectionJson', () => {
  it('renders quantities as numbers of units', () => {
    const result = selectByPriority({ request: request([['X', '1.5']]), sources, items });
    expect(toSourceSelectionJson(result)).toEqual({
      source_selection_items: [
        { source_code: 'a', sku: 'X', qty_to_deduct: 1, qty_available: 1 },
        { source_code: 'b', sku: 'X', qty_to_deduct: 0.5, qty_available: 1.25 },
      ],
      shippable: true,
    });
  });
});
