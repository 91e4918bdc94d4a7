import { NearCache } from './near-cache';

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('NearCache', () => {
  it('loads on a miss, answers from memory on a hit, and reloads after an invalidation', async () => {
    const cache = new NearCache<number>(10);
    cache.enable();
    let loads = 0;
    const load = () => Promise.resolve(++loads);
    expect(await cache.get('k', ['a', 'b'], load)).toBe(1);
    expect(await cache.get('k', ['a', 'b'], load)).toBe(1);
    cache.invalidate(['b']);
    expect(await cache.get('k', ['a', 'b'], load)).toBe(2);
    expect(cache.stats()).toMatchObject({ hits: 1, misses: 2, size: 1 });
  });

  it('keeps nothing while disabled', async () => {
    const cache = new NearCache<number>(10);
    let loads = 0;
    const load = () => Promise.resolve(++loads);
    await cache.get('k', ['a'], load);
    await cache.get('k', ['a'], load);
    expect(loads).toBe(2);
    cache.enable();
    await cache.get('k', ['a'], load);
    cache.disable();
    await cache.get('k', ['a'], load);
    expect(loads).toBe(4);
  });

  it('does not keep a value whose key was written while it was being read', async () => {
    const cache = new NearCache<string>(10);
    cache.enable();
    const first = deferred<string>();
    const reading = cache.get('k', ['a'], () => first.promise);
    cache.invalidate(['a']);
    first.resolve('old');
    expect(await reading).toBe('old');
    expect(await cache.get('k', ['a'], () => Promise.resolve('new'))).toBe('new');
  });

  it('does not keep a value read across a disable/enable (invalidations may be lost)', async () => {
    const cache = new NearCache<string>(10);
    cache.enable();
    const first = deferred<string>();
    const reading = cache.get('k', ['a'], () => first.promise);
    cache.disable();
    cache.enable();
    first.resolve('old');
    await reading;
    expect(await cache.get('k', ['a'], () => Promise.resolve('new'))).toBe('new');
  });

  it('shares one load between concurrent misses and forgets failed loads', async () => {
    const cache = new NearCache<number>(10);
    cache.enable();
    const first = deferred<number>();
    let loads = 0;
    const load = () => (loads++, first.promise);
    const a = cache.get('k', ['a'], load);
    const b = cache.get('k', ['a'], load);
    first.reject(new Error('redis down'));
    await expect(a).rejects.toThrow('redis down');
    await expect(b).rejects.toThrow('redis down');
    expect(loads).toBe(1);
    expect(await cache.get('k', ['a'], () => Promise.resolve(7))).toBe(7);
  });

  it('drops the least recently used entry beyond capacity, and everything on a flush', async () => {
    const cache = new NearCache<string>(2);
    cache.enable();
    const value = (v: string) => () => Promise.resolve(v);
    await cache.get('x', ['x'], value('x1'));
    await cache.get('y', ['y'], value('y1'));
    await cache.get('x', ['x'], value('x2')); // x used last
    await cache.get('z', ['z'], value('z1')); // y dropped
    expect(await cache.get('x', ['x'], value('x3'))).toBe('x1');
    expect(await cache.get('y', ['y'], value('y2'))).toBe('y2');
    cache.invalidate(null);
    expect(cache.stats().size).toBe(0);
    expect(await cache.get('x', ['x'], value('x4'))).toBe('x4');
  });

  it('does not hand a load an invalidation overtook to a later reader: it reads again', async () => {
    const cache = new NearCache<string>(10);
    cache.enable();
    const first = deferred<string>();
    const second = deferred<string>();
    const reading = cache.get('k', ['a'], () => first.promise);
    cache.invalidate(['a']); // written after the first load was sent
    const later = cache.get('k', ['a'], () => second.promise);
    second.resolve('new');
    first.resolve('old');
    expect(await reading).toBe('old');
    expect(await later).toBe('new');
    // The newer load is kept, and the older one's end did not unindex it: a write drops it.
    expect(await cache.get('k', ['a'], () => Promise.resolve('other'))).toBe('new');
    cache.invalidate(['a']);
    expect(await cache.get('k', ['a'], () => Promise.resolve('newest'))).toBe('newest');
  });

  it('keeps a value no longer than maxAgeMs', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate'] });
    try {
      const cache = new NearCache<number>(10, { maxAgeMs: 1000 });
      cache.enable();
      let loads = 0;
      const load = () => Promise.resolve(++loads);
      expect(await cache.get('k', ['a'], load)).toBe(1);
      jest.advanceTimersByTime(900);
      expect(await cache.get('k', ['a'], load)).toBe(1);
      jest.advanceTimersByTime(200);
      expect(await cache.get('k', ['a'], load)).toBe(2);
      expect(cache.stats()).toMatchObject({ hits: 1, misses: 2, size: 1 });
    } finally {
      jest.useRealTimers();
    }
  });
});
