import { Inject, Injectable, OnModuleInit, Optional } from '@nestjs/common';
import type { Pool } from 'pg';
import { randomEventId } from '@inventory/decider';
import {
  ensureTables,
  GroupCommitter,
  type EventStore,
  type ExpectedVersion,
  type NewEvent,
  type RecordedEvent,
  type StreamAppend,
} from '@inventory/event-store';
import { EVENT_STORE, EventPipeline, PG_POOL } from '@inventory/service-kit';
import {
  applyLedgerEvent,
  cloneLedger,
  decideLedgerOp,
  draftLedger,
  EMPTY_LEDGER,
  isNetZero,
  ledgerStream,
  type LedgerEvent,
  type LedgerOp,
  type LedgerOpResult,
  type LedgerState,
  type ReleaseReason,
  type ReservationMetadata,
  type ReservationRef,
} from '../domain';
import type { Quantity } from '@inventory/kernel';

export const LEDGER_BOOKS_TABLE = 'rs_ledger_books';

/** Operations decided and committed together, at most. */
const MAX_BATCH = 500;
/** Version conflicts (another replica appended) tolerated per batch before giving up. */
const MAX_CONFLICTS = 100;
/** Folded ledgers kept in memory. */
const CACHE_CAPACITY = 50_000;

interface Pending {
  op: LedgerOp;
  resolve: (result: LedgerOpResult) => void;
  reject: (err: unknown) => void;
}

interface Ledger {
  stockId: number;
  sku: string;
  pending: Pending[];
  running: boolean;
}

interface Kept {
  state: LedgerState;
  version: number;
}

/** A reservation of one line of an order. */
export type ReserveOp = Extract<LedgerOp, { kind: 'reserve' }>;

/** What `reserveTogether` did. */
export type TogetherResult =
  /** Every line reserved and `extra` appended, in one commit. */
  | { status: 'committed' }
  /**
   * Not tried, nothing written: a ledger is busy or not in memory here, a line is not a new
   * reservation on its kept state, or the store cannot commit several streams at once.
   */
  | { status: 'not_applicable' }
  /** `streamName` failed its expected version, so nothing was written. */
  | { status: 'stale'; streamName: string };

/**
 * The only writer of reservation ledgers. Operations on one ledger are queued in this process
 * and decided in batches: the batch is decided one operation at a time on the ledger's state,
 * and all its events are appended in ONE append with the ledger's expected version. A hot SKU
 * then costs one round trip per batch instead of one per order, and never a retry storm inside
 * a process; across replicas a version conflict re-reads the newer events and decides the batch
 * again, so no decision is ever committed on a stale state (no oversell).
 *
 * Bounded growth: when a commit leaves a ledger with nothing open, the version is recorded in
 * `rs_ledger_books` ("books closed"); loading starts after the last closed version, so reading
 * a ledger costs what is open since, not its whole history.
 */
@Injectable()
export class LedgerWriter implements OnModuleInit {
  private readonly ledgers = new Map<string, Ledger>();
  private readonly kept = new Map<string, Kept>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly pipeline: EventPipeline,
    @Optional() private readonly committer?: GroupCommitter,
  ) {}

  async onModuleInit(): Promise<void> {
    await ensureBooksTable(this.pool);
  }

  submit(stockId: number, sku: string, op: LedgerOp): Promise<LedgerOpResult> {
    const stream = ledgerStream(stockId, sku);
    let ledger = this.ledgers.get(stream);
    if (!ledger) {
      ledger = { stockId, sku, pending: [], running: false };
      this.ledgers.set(stream, ledger);
    }
    const promise = new Promise<LedgerOpResult>((resolve, reject) =>
      ledger.pending.push({ op, resolve, reject }),
    );
    if (!ledger.running) void this.drain(stream, ledger);
    return promise;
  }

  /**
   * The fast path of an order: when every line's ledger is idle in this process and kept in
   * memory, each line is decided on it and, if every one is a new reservation, the ledgers'
   * events and `extra` (the order's outcome) are committed in ONE atomic append, with whatever
   * else the group committer gathers. The decision, its expected versions and its recorded
   * levels are the same as `submit`'s; only the outcome's separate commit is saved. In every
   * other case nothing is written and the caller takes the general path (`submit` per line,
   * then the outcome), which also handles a ledger that another replica moved on ('stale').
   */
  async reserveTogether(
    stockId: number,
    lines: ReadonlyArray<{ sku: string; op: ReserveOp }>,
    extra: StreamAppend,
  ): Promise<TogetherResult> {
    const committer = this.committer;
    if (!committer?.atomic || lines.length === 0) return { status: 'not_applicable' };
    const decided: Array<{
      stream: string;
      sku: string;
      version: number;
      draft: ReturnType<typeof draftLedger>;
      events: LedgerEvent[];
    }> = [];
    for (const { sku, op } of lines) {
      const stream = ledgerStream(stockId, sku);
      const kept = this.kept.get(stream);
      if (!kept || this.ledgers.has(stream)) return { status: 'not_applicable' };
      const draft = draftLedger(kept.state);
      const { events, result } = decideLedgerOp(draft.state, stockId, sku, op);
      if (result.status !== 'reserved') return { status: 'not_applicable' };
      for (const e of events) applyLedgerEvent(draft.state, e);
      decided.push({ stream, sku, version: kept.version, draft, events });
    }
    // The ledgers are held: their other operations queue behind this commit.
    const held = decided.map((d) => {
      const ledger: Ledger = { stockId, sku: d.sku, pending: [], running: true };
      this.ledgers.set(d.stream, ledger);
      return ledger;
    });
    try {
      const appended = await committer.appendTogether([
        ...decided.map((d) => ({
          streamName: d.stream,
          events: toNewEvents(d.events),
          expected: d.version < 0 ? ('no_stream' as const) : d.version,
        })),
        extra,
      ]);
      decided.forEach((d, i) =>
        // A ledger that just opened a reservation is not net zero: no books to close.
        this.keep(d.stream, { state: d.draft.settle(), version: appended[i].nextExpectedVersion }),
      );
      this.pipeline.notify();
      return { status: 'committed' };
    } catch (err) {
      const { code, streamName } = err as { code?: string; streamName?: string };
      if (code !== 'WRONG_EXPECTED_VERSION' || streamName === undefined) throw err;
      // Another replica appended to it: the general path reads it afresh.
      this.kept.delete(streamName);
      return { status: 'stale', streamName };
    } finally {
      decided.forEach((d, i) => this.release(d.stream, held[i]));
    }
  }

  /** Releases `ref`'s lines (each up to `qty`, or all that is open), once per `opId` per ledger. */
  async releaseLines(
    stockId: number,
    ref: ReservationRef,
    lines: ReadonlyArray<{ sku: string; qty?: Quantity }>,
    reason: ReleaseReason,
    opId: string,
    metadata: ReservationMetadata,
  ): Promise<void> {
    await Promise.all(
      lines.map((l) =>
        this.submit(stockId, l.sku, {
          kind: 'release',
          ref,
          qty: l.qty,
          reason,
          op_id: opId,
          metadata,
        }),
      ),
    );
  }

  /** The ledger's current state (for drift checks and tests). */
  async state(stockId: number, sku: string): Promise<Kept> {
    return this.load(ledgerStream(stockId, sku));
  }

  private async drain(stream: string, ledger: Ledger): Promise<void> {
    ledger.running = true;
    try {
      while (ledger.pending.length > 0) {
        const batch = ledger.pending.splice(0, MAX_BATCH);
        try {
          const results = await this.commit(
            stream,
            ledger,
            batch.map((p) => p.op),
          );
          batch.forEach((p, i) => p.resolve(results[i]));
        } catch (err) {
          for (const p of batch) p.reject(err);
        }
      }
    } finally {
      this.release(stream, ledger);
    }
  }

  /** A ledger's commit is over: its queued operations go next, or it is idle. */
  private release(stream: string, ledger: Ledger): void {
    ledger.running = false;
    if (ledger.pending.length === 0) this.ledgers.delete(stream);
    else void this.drain(stream, ledger);
  }

  /**
   * Decides the batch on the kept state without reading first: an append with a stale
   * expected version fails, and only then are the newer events read. A batch that appends
   * nothing (all rejected, already reserved, nothing to release) is only answered once the
   * state it was decided on is known to be current, so a stale copy never turns into an answer.
   */
  private async commit(stream: string, ledger: Ledger, ops: LedgerOp[]): Promise<LedgerOpResult[]> {
    let kept = this.kept.get(stream);
    let fresh = false;
    if (!kept) {
      kept = await this.load(stream);
      fresh = true;
    }
    for (let conflicts = 0; ;) {
      // The batch decides on a draft over the kept state (no copy of its open reservations).
      const draft = draftLedger(kept.state);
      const state = draft.state;
      const events: LedgerEvent[] = [];
      const results = ops.map((op) => {
        const decided = decideLedgerOp(state, ledger.stockId, ledger.sku, op);
        for (const e of decided.events) applyLedgerEvent(state, e);
        events.push(...decided.events);
        return decided.result;
      });
      if (events.length === 0) {
        if (fresh) return results;
        const latest = await this.load(stream);
        fresh = true;
        if (latest.version === kept.version) return results;
        kept = latest;
        continue;
      }
      try {
        const appended = await this.appendTo(
          stream,
          toNewEvents(events),
          kept.version < 0 ? 'no_stream' : kept.version,
        );
        const next = appended.nextExpectedVersion;
        const settled = draft.settle();
        this.keep(stream, { state: settled, version: next });
        this.pipeline.notify();
        if (isNetZero(settled)) await this.closeBooks(stream, next);
        return results;
      } catch (err) {
        if ((err as { code?: string }).code !== 'WRONG_EXPECTED_VERSION') throw err;
        if (++conflicts > MAX_CONFLICTS) throw err;
        // Another replica appended: read its events and decide the batch again.
        if (conflicts > 1) {
          await new Promise((r) => setTimeout(r, Math.random() * Math.min(20, conflicts)));
        }
        kept = await this.load(stream);
        fresh = true;
      }
    }
  }

  /** Through the group committer when there is one (the service), straight otherwise (the CLI). */
  private appendTo(stream: string, events: NewEvent[], expected: ExpectedVersion) {
    return this.committer
      ? this.committer.append(stream, events, expected)
      : this.store.appendToStream(stream, events, expected);
  }

  /**
   * The kept state brought up to date, or the state since the books were last closed. A commit
   * that keeps a newer state while this reads (a read outside the ledger's queue: `state()`)
   * settled into the map the state read from holds, so that state is never kept again: the
   * read starts over from the newer one.
   */
  private async load(stream: string): Promise<Kept> {
    for (;;) {
      const start = this.kept.get(stream);
      let kept = start;
      if (!kept) {
        const { rows } = await this.pool.query<{ closed_at: string }>(
          `SELECT closed_at::text FROM ${LEDGER_BOOKS_TABLE} WHERE stream = $1`,
          [stream],
        );
        kept = rows.length
          ? { state: EMPTY_LEDGER, version: Number(rows[0].closed_at) }
          : { state: EMPTY_LEDGER, version: -1 };
      }
      const newer = await this.store.readStream(stream, { fromVersion: kept.version + 1 });
      const now = this.kept.get(stream);
      if (now !== start && now !== undefined) continue;
      if (newer.length > 0) kept = fold(kept, newer);
      this.keep(stream, kept);
      return kept;
    }
  }

  private keep(stream: string, kept: Kept): void {
    this.kept.delete(stream);
    this.kept.set(stream, kept);
    if (this.kept.size > CACHE_CAPACITY) this.kept.delete(this.kept.keys().next().value as string);
  }

  private async closeBooks(stream: string, version: number): Promise<void> {
    await this.pool.query(
      `INSERT INTO ${LEDGER_BOOKS_TABLE} (stream, closed_at) VALUES ($1, $2)
       ON CONFLICT (stream) DO UPDATE SET closed_at = GREATEST(${LEDGER_BOOKS_TABLE}.closed_at, EXCLUDED.closed_at)`,
      [stream, version],
    );
  }
}

function toNewEvents(events: readonly LedgerEvent[]): NewEvent[] {
  return events.map((e) => ({ eventId: randomEventId(), type: e.type, data: e.data }));
}

function fold(kept: Kept, events: readonly RecordedEvent[]): Kept {
  const state = cloneLedger(kept.state);
  for (const e of events) applyLedgerEvent(state, { type: e.type, data: e.data } as LedgerEvent);
  return { state, version: events[events.length - 1].streamVersion };
}

export async function ensureBooksTable(pool: Pool): Promise<void> {
  await ensureTables(pool, LEDGER_BOOKS_TABLE, [
    `CREATE TABLE IF NOT EXISTS ${LEDGER_BOOKS_TABLE} (
      stream text PRIMARY KEY,
      closed_at bigint NOT NULL
    )`,
  ]);
}
