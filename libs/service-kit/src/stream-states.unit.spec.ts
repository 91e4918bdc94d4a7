import { StreamStates } from './stream-states';

describe('StreamStates', () => {
  const a = {};
  const b = {};

  it('keeps a state per stream and decider', () => {
    const states = new StreamStates();
    states.set('s-1', a, { state: 'A', version: 3 });
    expect(states.get('s-1', a)).toEqual({ state: 'A', version: 3 });
    expect(states.get('s-1', b)).toBeUndefined();
    expect(states.get('s-2', a)).toBeUndefined();
  });

  it('drops the least recently used beyond its capacity', () => {
    const states = new StreamStates(2);
    states.set('s-1', a, { state: 1, version: 0 });
    states.set('s-2', a, { state: 2, version: 0 });
    states.get('s-1', a);
    states.set('s-3', a, { state: 3, version: 0 });
    expect(states.size).toBe(2);
    expect(states.get('s-2', a)).toBeUndefined();
    expect(states.get('s-1', a)?.state).toBe(1);
    expect(states.get('s-3', a)?.state).toBe(3);
  });
});
