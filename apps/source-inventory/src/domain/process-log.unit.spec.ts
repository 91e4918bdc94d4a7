import { fold } from '@inventory/decider';
import { ProcessLog } from './process-log';
import { parseQuantity } from './quantity';
import { event } from './source-item.fixture';
import { sourceItemDecider } from './source-item.decider';

const one = parseQuantity(1);
const two = parseQuantity(2);

describe('ProcessLog', () => {
  it('records steps with the quantity each moved, in order', () => {
    const log = ProcessLog.empty.with('deduct:S1', one).with('restock:C1', two);
    expect(log.has('deduct:S1')).toBe(true);
    expect(log.get('restock:C1')).toBe(two);
    expect(log.has('deduct:S2')).toBe(false);
    expect(log.keys()).toEqual(['deduct:S1', 'restock:C1']);
  });

  it('never changes a version once made, even when a newer one shares its storage', () => {
    const a = ProcessLog.empty.with('k1', one);
    const b = a.with('k2', two);
    expect(a.has('k2')).toBe(false);
    expect(a.size).toBe(1);
    expect(b.keys()).toEqual(['k1', 'k2']);
  });

  it('branches correctly from an older version', () => {
    const a = ProcessLog.empty.with('k1', one);
    const b = a.with('k2', one);
    const c = a.with('k3', two);
    expect(b.keys()).toEqual(['k1', 'k2']);
    expect(c.keys()).toEqual(['k1', 'k3']);
    expect(c.has('k2')).toBe(false);
    expect(b.has('k3')).toBe(false);
    expect(a.with('k2', two).get('k2')).toBe(two);
  });

  it('keeps the first quantity of a step applied twice', () => {
    const log = ProcessLog.empty.with('k', one);
    expect(log.with('k', two)).toBe(log);
  });

  it("leaves the decider's initial state empty after many folds", () => {
    for (let i = 0; i < 3; i++) {
      const state = fold(sourceItemDecider, [
        event.saved('5.0000'),
        event.deducted('4.0000', '1.0000', `S${i}`),
      ]);
      expect(state.processed.keys()).toEqual([`deduct:S${i}`]);
    }
    expect(sourceItemDecider.initialState.processed.keys()).toEqual([]);
    expect(ProcessLog.empty.size).toBe(0);
  });
});
