import fc from 'fast-check';
import { OffsetTracker, PartitionWork } from './partition-work';

describe('OffsetTracker', () => {
  it('commits only past offsets that are handled together with every earlier one', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.bigInt({ min: 0n, max: 10_000n }), { minLength: 1, maxLength: 60 }),
        fc.func(fc.integer()),
        (raw, order) => {
          const offsets = [...raw].sort((a, b) => (a < b ? -1 : 1));
          const tracker = new OffsetTracker();
          for (const o of offsets) tracker.add(o);
          const completion = [...offsets].sort((a, b) => order(String(a)) - order(String(b)));
          const done = new Set<bigint>();
          for (const o of completion) {
            tracker.complete(o);
            done.add(o);
            let prefix: bigint | undefined;
            for (const x of offsets) {
              if (!done.has(x)) break;
              prefix = x;
            }
            expect(tracker.commitOffset).toBe(
              prefix === undefined ? undefined : String(prefix + 1n),
            );
            expect(tracker.unfinished).toBe(offsets.length - offsets.indexOf(prefix ?? -1n) - 1);
          }
          expect(tracker.commitOffset).toBe(String(offsets[offsets.length - 1] + 1n));
        },
      ),
    );
  });

  it('refuses offsets out of order', () => {
    const tracker = new OffsetTracker();
    tracker.add(5n);
    expect(() => tracker.add(5n)).toThrow(/must increase/);
  });
});

function deferred() {
  let resolve!: () => void;
  let reject!: (err: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('PartitionWork', () => {
  type Msg = { key: string; offset: bigint };

  function setup(concurrency: number) {
    const started: Msg[] = [];
    const gates = new Map<bigint, ReturnType<typeof deferred>>();
    const errors: unknown[] = [];
    const work = new PartitionWork<Msg>({
      concurrency,
      laneOf: (m) => m.key,
      handle: (m) => {
        started.push(m);
        const gate = deferred();
        gates.set(m.offset, gate);
        return gate.promise;
      },
      onError: (_m, err) => errors.push(err),
      retryDelayMs: 1,
    });
    const push = (key: string, offset: bigint) => work.push({ key, offset }, offset);
    return { work, started, gates, errors, push };
  }

  it('handles different keys at once, one key in order, and commits the handled prefix', async () => {
    const { work, started, gates, push } = setup(8);
    push('a', 0n);
    push('b', 1n);
    push('a', 2n);
    await tick();
    expect(started.map((m) => m.offset)).toEqual([0n, 1n]);
    gates.get(1n)!.resolve();
    await tick();
    expect(work.commitOffset).toBeUndefined(); // 0 still running
    gates.get(0n)!.resolve();
    await tick();
    expect(work.commitOffset).toBe('2'); // 0 and 1 handled; 2 (after 0 on key a) now runs
    expect(started.map((m) => m.offset)).toEqual([0n, 1n, 2n]);
    gates.get(2n)!.resolve();
    await work.until(1);
    expect(work.commitOffset).toBe('3');
    expect(work.inFlight).toBe(0);
  });

  it('with concurrency 1 handles the whole partition in offset order, whatever the keys', async () => {
    const { started, gates, push } = setup(1);
    push('a', 0n);
    push('b', 1n);
    await tick();
    expect(started.map((m) => m.offset)).toEqual([0n]);
    gates.get(0n)!.resolve();
    await tick();
    expect(started.map((m) => m.offset)).toEqual([0n, 1n]);
  });

  it('limits lanes to the concurrency and starts waiting ones as lanes free up', async () => {
    const { started, gates, push } = setup(2);
    push('a', 0n);
    push('b', 1n);
    push('c', 2n);
    await tick();
    expect(started.map((m) => m.key)).toEqual(['a', 'b']);
    gates.get(0n)!.resolve();
    await tick();
    expect(started.map((m) => m.key)).toEqual(['a', 'b', 'c']);
  });

  it('tries a failing message again and never commits past it meanwhile', async () => {
    const { work, started, gates, errors, push } = setup(4);
    push('a', 0n);
    push('b', 1n);
    await tick();
    gates.get(1n)!.resolve();
    gates.get(0n)!.reject(new Error('dead-letter topic unreachable'));
    await new Promise((r) => setTimeout(r, 20));
    expect(errors).toHaveLength(1);
    expect(work.commitOffset).toBeUndefined();
    expect(started.filter((m) => m.offset === 0n)).toHaveLength(2);
    gates.get(0n)!.resolve();
    await work.until(1);
    expect(work.commitOffset).toBe('2');
  });

  it('after a redelivery (an offset not after the last) old handlers no longer move the commit', async () => {
    const { work, gates, push } = setup(4);
    push('a', 10n);
    push('b', 11n);
    await tick();
    push('b', 11n); // redelivered after a rebalance: a new generation from 11
    gates.get(10n)!.resolve();
    await tick();
    expect(work.commitOffset).toBeUndefined(); // 10 belonged to the old generation
    gates.get(11n)!.resolve(); // the old 11, then the redelivered 11 runs behind it on lane b
    await tick();
    gates.get(11n)!.resolve();
    await work.until(1);
    expect(work.commitOffset).toBe('12');
  });

  it('waits for fetching room until enough messages are handled', async () => {
    const { work, gates, push } = setup(4);
    for (let i = 0n; i < 4n; i++) push(`k${i}`, i);
    await tick();
    let room = false;
    void work.until(3).then(() => (room = true));
    gates.get(0n)!.resolve();
    await tick();
    expect(room).toBe(false); // 3 in flight
    gates.get(1n)!.resolve();
    await tick();
    expect(room).toBe(true);
  });
});
