import { randomUUID } from 'crypto';
import type { Checkpoint } from '../../port/checkpoint';
import type { EventMetadata, NewEvent, RecordedEvent } from '../../port/events';
import {
  supportsMultiStreamAppend,
  type EventStore,
  type MultiStreamAppendEventStore,
} from '../../port/event-store';
import type { ExpectedVersion } from '../../port/expected-version';
import { WrongExpectedVersionError } from '../../port/errors';

export interface OpenAppendHandle {
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

export interface ContractHooks {
  /**
   * Appends in a transaction on another connection and leaves it open (PostgreSQL). The gap
   * scenario is only registered when an adapter can hold a write open like this.
   */
  beginOpenAppend?(
    streamName: string,
    events: NewEvent[],
    expected: ExpectedVersion,
  ): Promise<OpenAppendHandle>;
  /** Explains a readAll that stopped making progress (e.g. which transaction holds it back). */
  diagnoseStall?(): Promise<string>;
  /**
   * The adapter implements `appendToStreams`, so the multi-stream append contract runs;
   * otherwise a placeholder test checks that the store indeed does not offer it. Declared here
   * because tests are registered before the store exists.
   */
  multiStreamAppend?: boolean;
  /** The adapter implements `backlog`: the backlog contract runs, else a placeholder checks it does not. */
  backlog?: boolean;
}

export interface ContractContext {
  /** The store under test; valid inside tests (created in beforeAll). */
  store(): EventStore;
  hooks: ContractHooks;
  /** collectAll on the store under test, with the adapter's stall diagnosis. */
  collect(
    categories: string[],
    count: number,
    options?: CollectOptions,
  ): ReturnType<typeof collectAll>;
}

/**
 * Each test writes to categories of its own, and reads `$all` filtered by them, so tests never
 * see each other's events even on a shared server (KurrentDB) or in a shared table.
 */
export function uniqueCategory(label = 'c'): string {
  return `${label}${randomUUID().replace(/-/g, '').slice(0, 12)}`;
}

export function newEvent(
  data: unknown = { n: 0 },
  type = 'ThingHappened',
  metadata?: EventMetadata,
): NewEvent {
  return { eventId: randomUUID(), type, data, ...(metadata ? { metadata } : {}) };
}

export async function conflictOf(promise: Promise<unknown>): Promise<WrongExpectedVersionError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof WrongExpectedVersionError) return error;
    throw error;
  }
  throw new Error('expected a WrongExpectedVersionError, but the append succeeded');
}

export interface CollectOptions {
  after?: Checkpoint | null;
  pageSize?: number;
  timeoutMs?: number;
}

/**
 * Pages through readAll until `count` events of the categories have been read. A short or
 * empty page is legitimate while some transaction in the database is still open (readers are
 * held back, not skipped), so it polls, with a deadline, instead of stopping at the first
 * empty page. Returns the events and every page's returned checkpoint.
 */
export async function collectAll(
  store: EventStore,
  categories: string[],
  count: number,
  options: CollectOptions & { diagnoseStall?: () => Promise<string> } = {},
): Promise<{ events: RecordedEvent[]; checkpoints: (Checkpoint | null)[] }> {
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  const events: RecordedEvent[] = [];
  const checkpoints: (Checkpoint | null)[] = [];
  let after = options.after ?? null;
  while (events.length < count) {
    const page = await store.readAll(after, options.pageSize ?? 1000, { categories });
    checkpoints.push(page.checkpoint);
    events.push(...page.events);
    after = page.checkpoint;
    if (page.events.length === 0) {
      if (Date.now() > deadline) {
        const diagnosis = options.diagnoseStall ? `; ${await options.diagnoseStall()}` : '';
        throw new Error(
          `readAll saw ${events.length} of ${count} events before the deadline${diagnosis}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
  return { events, checkpoints };
}

export function expectStrictlyIncreasing(checkpoints: Checkpoint[]): void {
  for (let i = 1; i < checkpoints.length; i++) {
    if (!(checkpoints[i - 1] < checkpoints[i])) {
      throw new Error(`checkpoint ${i} (${checkpoints[i]}) is not after ${checkpoints[i - 1]}`);
    }
  }
}

/** The store under test as a multi-stream appender; fails the test if it is not one. */
export function multiStore(context: ContractContext): MultiStreamAppendEventStore {
  const store = context.store();
  if (!supportsMultiStreamAppend(store)) {
    throw new Error('the store does not implement appendToStreams');
  }
  return store;
}

/** A small deterministic generator, so that a failing random interleaving can be replayed. */
export function seededRandom(seed: number): (below: number) => number {
  let state = seed >>> 0;
  return (below) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state % below;
  };
}

export function shuffled<T>(items: readonly T[], random: (below: number) => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = random(i + 1);
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}
