import { areaOf, summarise, type CpuProfile } from './cpu-profile';

describe('CPU profile summary', () => {
  const frame = (functionName: string, url = '', lineNumber = 0) => ({
    functionName,
    url,
    lineNumber,
  });
  const profile: CpuProfile = {
    nodes: [
      { id: 1, callFrame: frame('(root)'), children: [2, 3, 4, 5] },
      { id: 2, callFrame: frame('(idle)') },
      { id: 3, callFrame: frame('validate', '/r/node_modules/class-validator/cjs/index.js', 37) },
      { id: 4, callFrame: frame('commit', 'file:///r/dist/apps/reservations/src/ledger.js', 9) },
      { id: 5, callFrame: frame('(garbage collector)') },
    ],
    samples: [2, 3, 3, 4, 5, 2, 3],
    timeDeltas: [5000, 1000, 1000, 1000, 1000, 5000, 1000],
  };

  it('splits busy time by area and function, leaving idle out', () => {
    const s = summarise(profile);
    expect(s.idleMs).toBe(10);
    expect(s.busyMs).toBe(5);
    expect(s.byArea).toEqual([
      { area: 'class-validator', share: 0.6 },
      { area: 'apps/reservations', share: 0.2 },
      { area: 'garbage collector', share: 0.2 },
    ]);
    expect(s.byFunction[0]).toEqual({ fn: 'validate class-validator/cjs/index.js:38', share: 0.6 });
  });

  it('names scoped packages and runtime frames', () => {
    expect(areaOf(frame('x', '/a/node_modules/@nestjs/core/y.js'))).toBe('@nestjs/core');
    expect(areaOf(frame('x', 'node:events'))).toBe('node (runtime)');
    expect(areaOf(frame('writev'))).toBe('native: writev');
  });
});
