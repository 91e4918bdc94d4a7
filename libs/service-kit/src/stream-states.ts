/** A folded stream state and the version of the last event folded into it. */
export interface KeptState {
  state: unknown;
  version: number;
}

/**
 * Folded states per (stream, decider), least recently used dropped beyond `capacity`. A stream
 * only grows, so a kept state is brought up to date by folding the events after its version.
 */
export class StreamStates {
  private readonly entries = new Map<string, KeptState>();
  private readonly deciderIds = new WeakMap<object, number>();
  private nextDeciderId = 0;

  constructor(private readonly capacity = 10_000) {}

  get<S>(stream: string, decider: object): { state: S; version: number } | undefined {
    const key = this.key(stream, decider);
    const kept = this.entries.get(key);
    if (!kept) return undefined;
    this.entries.delete(key);
    this.entries.set(key, kept);
    return kept as { state: S; version: number };
  }

  set(stream: string, decider: object, kept: KeptState): void {
    const key = this.key(stream, decider);
    this.entries.delete(key);
    this.entries.set(key, kept);
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  private key(stream: string, decider: object): string {
    let id = this.deciderIds.get(decider);
    if (id === undefined) {
      id = this.nextDeciderId++;
      this.deciderIds.set(decider, id);
    }
    return `${id}\u0000${stream}`;
  }
}
