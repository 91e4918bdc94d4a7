import { isDomainError } from '@inventory/decider';
import { SourceItemCommand, SourceItemState, sourceItemDecider } from '../domain';
import { SourceItemsApp } from '../source-items/source-items.app';

export interface DebitShortfall {
  sku: string;
  requested: string;
  available: string;
}

export type DebitOutcome = { ok: true } | { ok: false; errors: DebitShortfall[] };

export interface DebitPlan {
  /** One debit per line (deduct_for_shipment or transfer_out), all for one process id. */
  debits: SourceItemCommand[];
  /** Gives back what a debit took; a no-op where it took nothing. */
  compensate(debit: SourceItemCommand): SourceItemCommand;
  /** True if this item's state shows the process was already being rolled back. */
  compensated(state: SourceItemState): boolean;
}

/**
 * All lines or none, with single-stream appends only (the architecture's rule): check every line,
 * then debit line by line in stream-name order; if a concurrent change makes a later line fail,
 * give back what the earlier ones took. Every step is idempotent by the process id, so a crash
 * and a redelivery resume where it stopped; once a rollback has started, a rerun finishes it.
 */
export async function debitLines(app: SourceItemsApp, plan: DebitPlan): Promise<DebitOutcome> {
  const debits = [...plan.debits].sort((a, b) => app.stream(a).localeCompare(app.stream(b)));
  const states = await Promise.all(debits.map((d) => app.state(d)));
  if (states.some((s) => plan.compensated(s))) {
    return rollBack(app, plan, debits, await shortfalls(app, debits));
  }
  const missing = await shortfalls(app, debits);
  if (missing.length > 0) return { ok: false, errors: missing };
  for (let i = 0; i < debits.length; i++) {
    try {
      await app.bus.run(app.stream(debits[i]), debits[i], sourceItemDecider);
    } catch (err) {
      const shortfall = asShortfall(err);
      if (!shortfall) throw err;
      return rollBack(app, plan, debits.slice(0, i), [shortfall]);
    }
  }
  return { ok: true };
}

async function rollBack(
  app: SourceItemsApp,
  plan: DebitPlan,
  taken: SourceItemCommand[],
  errors: DebitShortfall[],
): Promise<DebitOutcome> {
  for (const debit of taken) {
    const compensation = plan.compensate(debit);
    await app.bus.run(app.stream(compensation), compensation, sourceItemDecider);
  }
  return {
    ok: false,
    errors: errors.length ? errors : [{ sku: taken[0]?.sku ?? '', requested: '', available: '' }],
  };
}

/** The lines that cannot be debited now (dry run against current states). */
async function shortfalls(
  app: SourceItemsApp,
  debits: SourceItemCommand[],
): Promise<DebitShortfall[]> {
  const results = await Promise.all(
    debits.map(async (d) => {
      try {
        await app.bus.check(app.stream(d), d, sourceItemDecider);
        return undefined;
      } catch (err) {
        const shortfall = asShortfall(err);
        if (!shortfall) throw err;
        return shortfall;
      }
    }),
  );
  return results.filter((r): r is DebitShortfall => r !== undefined);
}

function asShortfall(err: unknown): DebitShortfall | undefined {
  if (!isDomainError(err) || err.code !== 'NOT_ENOUGH_QUANTITY') return undefined;
  const d = err.details as Partial<DebitShortfall>;
  return { sku: String(d.sku), requested: String(d.requested), available: String(d.available) };
}
