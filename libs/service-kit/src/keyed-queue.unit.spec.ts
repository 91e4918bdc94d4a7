import { KeyedQueue } from './keyed-queue';

const tick = () => new Promise((r) => setImmediate(r));

describe('KeyedQueue', () => {
  it('runs tasks of one key one at a time in order, other keys in parallel', async () => {
    const q = new KeyedQueue();
    const log: string[] = [];
    let active = 0;
    let maxActiveA = 0;
    const task = (key: string, n: number) => async () => {
      if (key === 'a') maxActiveA = Math.max(maxActiveA, ++active);
      await tick();
      log.push(`${key}${n}`);
      if (key === 'a') active--;
    };
    await Promise.all([
      q.run('a', task('a', 1)),
      q.run('b', task('b', 1)),
      q.run('a', task('a', 2)),
      q.run('a', task('a', 3)),
    ]);
    expect(maxActiveA).toBe(1);
    expect(log.filter((l) => l.startsWith('a'))).toEqual(['a1', 'a2', 'a3']);
    expect(log.indexOf('b1')).toBeLessThan(log.indexOf('a2'));
    expect(q.size).toBe(0);
  });

  it('keeps going after a failed task', async () => {
    const q = new KeyedQueue();
    await expect(q.run('k', () => Promise.reject(new Error('x')))).rejects.toThrow('x');
    await expect(q.run('k', async () => 42)).resolves.toBe(42);
  });

  it('takes several keys in sorted order, so crossing callers do not deadlock', async () => {
    const q = new KeyedQueue();
    const results = await Promise.all([
      q.runAll(['x', 'y'], async () => 1),
      q.runAll(['y', 'x'], async () => 2),
    ]);
    expect(results).toEqual([1, 2]);
  });
});
