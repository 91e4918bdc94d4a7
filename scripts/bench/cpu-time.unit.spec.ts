import { cpuBetween, cpuSnapshot, type CpuGroupRule } from './cpu-time';

describe('cpu time by process group (/proc)', () => {
  it('charges the CPU a process burns to its group, and nothing of it to the others', () => {
    const rules: CpuGroupRule[] = [
      { name: 'this test', pid: process.pid },
      { name: 'nothing', match: () => false },
    ];
    const before = cpuSnapshot(rules);
    const until = process.cpuUsage();
    let x = 0;
    // Burn about 300 ms of CPU in this process.
    while (process.cpuUsage(until).user < 300_000) x += Math.sqrt(x + 1);
    const used = cpuBetween(before, cpuSnapshot(rules), rules);
    expect(x).toBeGreaterThan(0);
    expect(used['this test']).toBeGreaterThanOrEqual(250);
    expect(used['this test']).toBeLessThan(5_000);
    expect(used.nothing).toBe(0);
    expect(Object.keys(used).sort()).toEqual(['nothing', 'other', 'this test']);
  });
});
