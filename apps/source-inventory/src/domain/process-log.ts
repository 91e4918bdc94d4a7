import type { Quantity } from './quantity';

interface Entry {
  index: number;
  qty: Quantity;
}

/**
 * The process steps a source item has applied, each with the quantity it moved: keys like
 * `deduct:<shipment>`, `revert:<shipment>`, `restock:<creditmemo>`, `out:<transfer>`,
 * `in:<transfer>`. Carrying them in the state makes every step idempotent by its process id,
 * whatever event ids a retry produces, and lets a revert give back exactly what was deducted.
 *
 * Persistent (never changed once made) but cheap: the versions of one fold share a Map, and a
 * version sees only the entries added before its size. Adding to the newest version is O(1);
 * adding to an older one (a branch, rare in folds) copies. A Set copied per event would make
 * folding a long-lived item's stream quadratic.
 */
export class ProcessLog {
  static readonly empty = new ProcessLog(new Map(), 0);

  private constructor(
    private readonly entries: Map<string, Entry>,
    readonly size: number,
  ) {}

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  /** The quantity the step moved, if it was applied. */
  get(key: string): Quantity | undefined {
    const entry = this.entries.get(key);
    return entry !== undefined && entry.index < this.size ? entry.qty : undefined;
  }

  with(key: string, qty: Quantity): ProcessLog {
    if (this.has(key)) return this;
    // The empty log never shares its Map, so the decider's initial state stays empty.
    const entries =
      this.size > 0 && this.entries.size === this.size ? this.entries : this.copyVisible();
    entries.set(key, { index: this.size, qty });
    return new ProcessLog(entries, this.size + 1);
  }

  /** Keys in the order the steps were applied. */
  keys(): string[] {
    return [...this.copyVisible().keys()];
  }

  private copyVisible(): Map<string, Entry> {
    const visible = new Map<string, Entry>();
    for (const [key, entry] of this.entries) {
      if (entry.index < this.size) visible.set(key, entry);
    }
    return visible;
  }
}
