/**
 * Runs tasks one at a time per key, in arrival order, and different keys in parallel. Command
 * handlers serialize on the stream they write, so concurrent requests for one hot source item in
 * one process queue up instead of colliding on the expected version and retrying; across
 * replicas the version check still decides.
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Runs under several keys at once, taken in sorted order so two callers never deadlock. */
  runAll<T>(keys: string[], task: () => Promise<T>): Promise<T> {
    const sorted = [...new Set(keys)].sort();
    const nest = (i: number): Promise<T> =>
      i === sorted.length ? task() : this.run(sorted[i], () => nest(i + 1));
    return nest(0);
  }

  get size(): number {
    return this.tails.size;
  }
}
