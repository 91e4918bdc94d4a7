import { EventEmitter } from 'events';
import { Kafka, Partitioners, Producer } from 'kafkajs';
import { Pool, PoolClient } from 'pg';
import {
  IdlePoll,
  storedCategory,
  supportsBacklog,
  type IdlePollOptions,
  type Backlog,
  type EventStore,
  type RecordedEvent,
} from '@inventory/event-store';
import { RelayCheckpointStore } from './relay-checkpoints';
import { streamIdKey, toKafkaMessage } from './relay-message';

export interface RelayRoute {
  /** Stream category, e.g. `sourceitem`. */
  category: string;
  /** Logical topic (the deployment's prefix is added). */
  topic: string;
  key?: (event: RecordedEvent) => string;
  /**
   * Only these event types (default: every type of the category). A category may have several
   * routes (one stream's events to several topics); an event no route takes stays inside.
   */
  types?: readonly string[];
}

export interface OutboxRelayOptions {
  name: string;
  store: EventStore;
  pool: Pool;
  kafka: Kafka;
  topicPrefix: string;
  routes: RelayRoute[];
  batchSize?: number;
  /** Waits between reads that found nothing (IdlePoll: 25 ms backing off to 100 ms). */
  idlePoll?: IdlePollOptions;
  /**
   * The checkpoint is stored at most this often (default 100 ms), busy or idle: a relay that
   * goes idle stores the last one once this time has passed since the previous store, and
   * always before it stops. A crash re-sends what was published since (at least once).
   */
  checkpointEveryMs?: number;
  onError?: (err: unknown) => void;
}

/**
 * Publishes a service's committed events to Kafka in commit order. The event store is the outbox:
 * the relay reads after its checkpoint, sends the batch (acks=-1), and only then stores the new
 * checkpoint. A crash between send and save re-sends that batch (at-least-once, consumers
 * dedupe on event id); nothing uncommitted can be read, so nothing uncommitted is published.
 */
export class OutboxRelay extends EventEmitter {
  private readonly checkpoints: RelayCheckpointStore;
  private readonly routes = new Map<string, RelayRoute[]>();
  private producer?: Producer;
  private leader?: PoolClient;
  /** Set when the leader connection fails: its session, and so the lock, are gone. */
  private leaderLost?: Error;
  private running = false;
  private loop?: Promise<void>;
  private checkpoint: string | null = null;
  private readonly idler: IdlePoll;
  /** The newest published checkpoint not yet stored, and the store in progress. */
  private unsaved?: string;
  private saving?: Promise<void>;
  private savedAt = 0;
  private flushTimer?: NodeJS.Timeout;
  private readonly batchSize: number;
  private readonly checkpointEveryMs: number;
  private readonly categories: string[];

  constructor(private readonly options: OutboxRelayOptions) {
    super();
    this.checkpoints = new RelayCheckpointStore(options.pool);
    this.idler = new IdlePoll(options.idlePoll);
    for (const r of options.routes)
      this.routes.set(r.category, [...(this.routes.get(r.category) ?? []), r]);
    this.categories = [...this.routes.keys()];
    this.batchSize = options.batchSize ?? 500;
    this.checkpointEveryMs = options.checkpointEveryMs ?? 100;
  }

  get position(): string | null {
    return this.checkpoint;
  }

  get name(): string {
    return this.options.name;
  }

  /**
   * What is committed but not published: the events of the relay's categories after the
   * checkpoint stored in PostgreSQL (saved only once Kafka acknowledged), so every replica,
   * leader or not, reports the same value. Needs a store with `backlog` and a started relay.
   */
  async lag(): Promise<Backlog> {
    const { store, name } = this.options;
    if (!supportsBacklog(store)) throw new Error('the event store cannot count a backlog');
    const checkpoint = await this.checkpoints.load(name);
    return store.backlog(checkpoint, { categories: this.categories });
  }

  async start(): Promise<void> {
    await this.checkpoints.ensureTable();
    this.producer = this.options.kafka.producer({
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await this.producer.connect();
    this.running = true;
    this.loop = this.run();
  }

  /** Lets the current batch finish (and its checkpoint be saved), then stops. */
  async stop(): Promise<void> {
    this.running = false;
    this.idler.wake();
    await this.loop;
    await this.flushCheckpoint();
    this.leader?.release(true);
    this.leader = undefined;
    await this.producer?.disconnect();
  }

  /** A hint that new events were appended: skip the rest of the idle wait. */
  notify(): void {
    this.idler.wake();
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        if (this.leaderLost) this.abdicate();
        if (!this.leader) {
          this.leader = await this.checkpoints.tryLead(this.options.name);
          // The connection sits idle while the relay leads; without a listener its failure
          // (a database restart, a network cut) would be an uncaught 'error' and kill the process.
          this.leader?.on('error', (err) => {
            this.leaderLost = err;
            this.idler.wake();
          });
          if (!this.leader) {
            await this.idler.sleep(1000);
            continue;
          }
          // A store still running from an earlier leadership would otherwise be read as older.
          await this.flushCheckpoint();
          this.checkpoint = await this.checkpoints.load(this.options.name);
          this.emit('leading', this.checkpoint);
        }
        const read = await this.publishNextBatch();
        if (read < this.batchSize) {
          // Caught up: the stored checkpoint catches up before waiting, or, if it was stored
          // less than checkpointEveryMs ago, once that time is up (unless publishing goes on).
          this.flushCheckpointSoon();
          if (read === 0) this.emit('idle', this.checkpoint);
        }
        // A partial page had caught up: wait for an append (or the poll), not an empty read.
        await this.idler.afterRead(read, this.batchSize);
      } catch (err) {
        this.options.onError?.(err);
        this.emit('failure', err);
        await this.idler.sleep(500);
      }
    }
  }

  /**
   * The leader connection failed: PostgreSQL dropped the session and its advisory lock, so
   * another replica may lead now. Stop publishing, drop the connection, and compete again.
   */
  private abdicate(): void {
    const err = this.leaderLost;
    this.leader?.release(true);
    this.leader = undefined;
    this.leaderLost = undefined;
    this.options.onError?.(err);
    this.emit('deposed', err);
  }

  private async publishNextBatch(): Promise<number> {
    const { events, checkpoint } = await this.options.store.readAll(
      this.checkpoint,
      this.batchSize,
      { categories: this.categories },
    );
    if (events.length === 0) return 0;
    const byTopic = new Map<string, ReturnType<typeof toKafkaMessage>[]>();
    for (const event of events) {
      const routes = this.routes.get(storedCategory(event.streamName))!;
      for (const route of routes) {
        if (route.types && !route.types.includes(event.type)) continue;
        const topic = this.options.topicPrefix + route.topic;
        const key = (route.key ?? streamIdKey)(event);
        const list = byTopic.get(topic) ?? [];
        list.push(toKafkaMessage(event, key, this.options.name));
        byTopic.set(topic, list);
      }
    }
    if (byTopic.size > 0)
      await this.producer!.sendBatch({
        acks: -1,
        topicMessages: [...byTopic.entries()].map(([topic, messages]) => ({ topic, messages })),
      });
    this.checkpoint = checkpoint;
    if (Date.now() - this.savedAt >= this.checkpointEveryMs) {
      await this.saving;
      this.saveCheckpoint(checkpoint!);
    } else {
      this.unsaved = checkpoint!;
    }
    this.emit('published', events.length, checkpoint);
    return events.length;
  }

  /**
   * Stores the checkpoint of a batch Kafka acknowledged while the next batch is read and sent
   * (the next one waits for it before storing its own), so a PostgreSQL write no longer sits
   * between two batches, and under steady load only every `checkpointEveryMs` (one write per
   * batch was one statement per order at moderate rates). A crash re-sends what was published
   * since the last store (at least once, as before); a failed store is retried with a later
   * checkpoint.
   */
  private saveCheckpoint(checkpoint: string): void {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    this.unsaved = undefined;
    this.savedAt = Date.now();
    this.saving = this.checkpoints
      .save(this.options.name, checkpoint)
      .catch((err: unknown) => {
        this.unsaved ??= checkpoint;
        // Awaited only later: a throwing listener must not become an unhandled rejection.
        try {
          this.options.onError?.(err);
          this.emit('failure', err);
        } catch {
          /* reported as well as it could be */
        }
      })
      .finally(() => {
        this.saving = undefined;
      });
  }

  /**
   * Stores what is left now if the last store is checkpointEveryMs old, otherwise when it will
   * be (a relay that goes idle after every order or two at moderate rates stored its checkpoint
   * once per order). The timer's store runs only if no store is in progress: a publishing batch
   * stores the newer checkpoint itself.
   */
  private flushCheckpointSoon(): void {
    if (this.unsaved === undefined || this.flushTimer) return;
    const due = this.savedAt + this.checkpointEveryMs - Date.now();
    const flush = (): void => {
      this.flushTimer = undefined;
      if (this.unsaved !== undefined && !this.saving) this.saveCheckpoint(this.unsaved);
    };
    if (due <= 0) return flush();
    this.flushTimer = setTimeout(flush, due);
    this.flushTimer.unref();
  }

  /** Waits for the store in progress and stores what is left (stop, leadership). */
  private async flushCheckpoint(): Promise<void> {
    await this.saving;
    if (this.unsaved === undefined) return;
    this.saveCheckpoint(this.unsaved);
    await this.saving;
  }
}
