import { Inject, Injectable } from '@nestjs/common';
import { Decider, HandleCommandResult, fold, handleCommand } from '@inventory/decider';
import type { EventStore, RecordedEvent } from '@inventory/event-store';
import { EventPipeline } from './event-pipeline';
import { KeyedQueue } from './keyed-queue';
import { StreamStates } from './stream-states';
import { EVENT_STORE } from './tokens';

/** Events stored as `{ type, data }` with `data` the published contract payload. */
export interface TypedEvent {
  type: string;
  data: unknown;
}

const encode = (e: TypedEvent) => ({ type: e.type, data: e.data });
const decode = (r: RecordedEvent) => ({ type: r.type, data: r.data });

export interface RunOptions {
  /** Idempotency key: a command already applied under it is answered, not decided again. */
  commandId?: string;
  /** Version conflicts tolerated before giving up (hot streams under several replicas). */
  maxRetries?: number;
}

/**
 * The one way application code changes a stream: serialized per stream inside this process
 * (KeyedQueue), decided on the loaded state and appended with its version (handleCommand), and
 * the relay and projections woken afterwards.
 */
@Injectable()
export class CommandBus {
  readonly queue = new KeyedQueue();
  private readonly states = new StreamStates();

  constructor(
    @Inject(EVENT_STORE) readonly store: EventStore,
    private readonly pipeline: EventPipeline,
  ) {}

  async run<C, E extends TypedEvent, S>(
    stream: string,
    command: C,
    decider: Decider<C, E, S>,
    options: RunOptions = {},
  ): Promise<HandleCommandResult<E, S>> {
    const result = await this.queue.run(stream, () =>
      handleCommand(this.store, stream, command, decider, {
        encode,
        decode: decode as (r: RecordedEvent) => E,
        commandId: options.commandId,
        maxRetries: options.maxRetries ?? 20,
      }),
    );
    if (result.status === 'appended') this.pipeline.notify();
    return result;
  }

  /**
   * The current state of a stream, without deciding anything. Folded states are kept per
   * (stream, decider) and brought up to date by reading only the events after the kept version,
   * so hot read paths (the stock registry, configuration streams) do not refold whole streams.
   * States are never mutated (deciders are pure), so sharing them is safe.
   */
  async load<C, E extends TypedEvent, S>(
    stream: string,
    decider: Decider<C, E, S>,
  ): Promise<{ state: S; version: number }> {
    const kept = this.states.get<S>(stream, decider);
    const recorded = await this.store.readStream(
      stream,
      kept ? { fromVersion: kept.version + 1 } : undefined,
    );
    if (kept && recorded.length === 0) return kept;
    const state = fold(
      decider,
      recorded.map((r) => decode(r) as E),
      kept ? kept.state : decider.initialState,
    );
    const loaded: { state: S; version: number } = {
      state,
      version: recorded.length ? recorded[recorded.length - 1].streamVersion : -1,
    };
    this.states.set(stream, decider, loaded);
    return loaded;
  }

  /** Dry run: what the decider would decide now (throws its domain errors), nothing appended. */
  async check<C, E extends TypedEvent, S>(
    stream: string,
    command: C,
    decider: Decider<C, E, S>,
  ): Promise<E[]> {
    const { state } = await this.load(stream, decider);
    return decider.decide(command, state);
  }
}
