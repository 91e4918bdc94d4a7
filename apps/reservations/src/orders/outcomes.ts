import { Inject, Injectable } from '@nestjs/common';
import { randomEventId } from '@inventory/decider';
import {
  GroupCommitter,
  readFirstEvents,
  type EventStore,
  type RecordedEvent,
  type StreamAppend,
} from '@inventory/event-store';
import { EVENT_STORE, EventPipeline } from '@inventory/service-kit';
import { outcomeStream, type OrderOutcome } from '../domain';
import { countRejected, countReserved } from './outcome-metrics';

/**
 * The one outcome of each order, in its own stream `orderoutcome-<order_id>` appended with
 * expected "no stream": the event store itself refuses a second outcome, whichever replica,
 * retry or redelivery tries. The relay publishes the stream on inventory.order-outcomes.v1.
 * Lookups asked for in the same turn of the event loop (the orders of a fetched batch) are read
 * in one statement.
 */
/** Outcome lookups read together, at most. */
const MAX_LOOKUPS_PER_READ = 500;

@Injectable()
export class Outcomes {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly pipeline: EventPipeline,
    private readonly committer: GroupCommitter,
  ) {}

  private gathering?: { streams: Set<string>; read: Promise<Map<string, RecordedEvent>> };

  async get(orderId: string): Promise<OrderOutcome | undefined> {
    const stream = outcomeStream(orderId);
    let gathering = this.gathering;
    if (!gathering || gathering.streams.size >= MAX_LOOKUPS_PER_READ) {
      const streams = new Set<string>();
      const read = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
        if (this.gathering?.streams === streams) this.gathering = undefined;
        return readFirstEvents(this.store, [...streams]);
      });
      gathering = this.gathering = { streams, read };
    }
    gathering.streams.add(stream);
    const first = (await gathering.read).get(stream);
    return first ? ({ type: first.type, data: first.data } as OrderOutcome) : undefined;
  }

  /** Records `outcome` unless one exists; returns the order's outcome either way. */
  async settle(outcome: OrderOutcome): Promise<{ outcome: OrderOutcome; settledNow: boolean }> {
    const { streamName, events, expected } = this.appendOf(outcome);
    try {
      await this.committer.append(streamName, events, expected);
      return { outcome: this.recorded(outcome), settledNow: true };
    } catch (err) {
      if ((err as { code?: string }).code !== 'WRONG_EXPECTED_VERSION') throw err;
      const existing = await this.get(outcome.data.order_id);
      if (!existing) throw err;
      return { outcome: existing, settledNow: false };
    }
  }

  /** The append that records `outcome` unless the order has one (for a commit with others). */
  appendOf(outcome: OrderOutcome): StreamAppend {
    return {
      streamName: outcomeStream(outcome.data.order_id),
      events: [{ eventId: randomEventId(), type: outcome.type, data: outcome.data }],
      expected: 'no_stream',
    };
  }

  /** After `appendOf(outcome)` was committed: wakes the relay, counts it, returns it. */
  recorded(outcome: OrderOutcome): OrderOutcome {
    this.pipeline.notify();
    if (outcome.type === 'order_inventory_reserved') countReserved('order');
    else countRejected('order', outcome.data.errors);
    return outcome;
  }
}
