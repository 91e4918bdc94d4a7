import { CustomTransportStrategy, MessageHandler, Server } from '@nestjs/microservices';
import {
  Admin,
  Consumer,
  EachBatchPayload,
  EachMessagePayload,
  Kafka,
  KafkaMessage,
  Partitioners,
  Producer,
} from 'kafkajs';
import { lastValueFrom } from 'rxjs';
import type { GaugeSample } from '@inventory/observability';
import { decodeMessage } from './decode';
import { sendToDeadLetter } from './dead-letter';
import { KAFKA_HANDLER_EXTRAS, KafkaHandlerOptions } from './inbound-message';
import { consumerMetrics } from './consumer-metrics';
import { consumerGroupLagByTopic } from './kafka-health';
import { PartitionWork } from './partition-work';

export interface KafkaConsumerServerOptions {
  kafka: Kafka;
  groupId: string;
  topicPrefix: string;
  /** Partitions handled in parallel; order is kept within a partition. */
  partitionsConsumedConcurrently?: number;
  /** Default 30 s; heartbeats go every tenth of it. */
  sessionTimeoutMs?: number;
  retryBaseDelayMs?: number;
}

const DEFAULT_ATTEMPTS = 5;
/** How often handled offsets are committed. */
const COMMIT_INTERVAL_MS = 100;
/** How long shutdown waits for queued messages to be handled before leaving them to redelivery. */
const DRAIN_TIMEOUT_MS = 20000;

/** Messages of one partition fetched but not handled yet, at most, before fetching waits. */
function inFlightLimit(concurrency: number): number {
  return Math.max(256, concurrency * 4);
}

/**
 * The Kafka side of every hybrid app: a Nest transport over kafkajs that validates each message
 * against its handler's declared types, retries transient failures with backoff, dead-letters
 * what cannot be handled and moves on. An offset is committed only after the handler (or the
 * dead-letter send) finished for it and every earlier offset of its partition, so a crash
 * re-delivers; handlers must therefore be idempotent.
 *
 * Consumption is continuous: a fetched batch is queued per partition (PartitionWork) and the
 * next fetch starts at once, so no message waits for the slowest one of an earlier batch; the
 * handled positions are committed every 100 ms, and fetching waits while a partition has too
 * many messages queued.
 */
export class KafkaConsumerServer extends Server implements CustomTransportStrategy {
  private consumer?: Consumer;
  private dlqProducer?: Producer;
  private running = false;
  private readonly work = new Map<
    string,
    { topic: string; partition: number; work: PartitionWork<KafkaMessage> }
  >();
  private readonly committed = new Map<string, string>();
  private commitTimer?: NodeJS.Timeout;
  private flushing?: Promise<void>;
  private readonly handlerCache = new Map<string, MessageHandler | null>();

  constructor(private readonly options: KafkaConsumerServerOptions) {
    super();
  }

  isRunning(): boolean {
    return this.running;
  }

  get groupId(): string {
    return this.options.groupId;
  }

  /** The logical topics this consumer has handlers for (without the deployment's prefix). */
  topics(): string[] {
    return [...this.getHandlers().keys()];
  }

  /**
   * Reports `kafka_consumer_lag_messages{group, topic}` on every scrape, asked of the broker
   * (committed offsets vs end offsets) rather than taken from fetched batches: a stuck handler,
   * a partition no replica owns or a stopped service still shows its lag growing, and every
   * replica reports the same group-wide value (aggregate with max, not sum). Call the returned
   * function to stop.
   */
  trackLag(admin: Admin): () => void {
    return consumerMetrics.lag.track(() => this.lagSamples(admin));
  }

  /** The samples `trackLag` reports, for callers that register sources themselves. */
  async lagSamples(admin: Admin): Promise<GaugeSample[]> {
    const { groupId, topicPrefix } = this.options;
    const topics = this.topics();
    if (topics.length === 0) return [];
    const lags = await consumerGroupLagByTopic(
      admin,
      groupId,
      topics.map((t) => topicPrefix + t),
    );
    return lags.map(({ topic, lag }) => ({
      labels: { group: groupId, topic: topic.slice(topicPrefix.length) },
      value: lag,
    }));
  }

  async listen(callback: (err?: unknown) => void): Promise<void> {
    try {
      const topics = [...this.getHandlers().keys()];
      if (topics.length === 0) return callback();
      const { kafka, groupId, topicPrefix } = this.options;
      this.dlqProducer = kafka.producer({
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      await this.dlqProducer.connect();
      const sessionTimeout = this.options.sessionTimeoutMs ?? 30000;
      this.consumer = kafka.consumer({
        groupId,
        sessionTimeout,
        heartbeatInterval: Math.max(500, Math.floor(sessionTimeout / 10)),
        // A fetch returns as soon as anything is there (no added latency) and an idle consumer
        // asks ten times a second, not a hundred: gathering 16 KB for up to 10 ms cost an idle
        // service a tenth of a core in fetches and bought no throughput.
        minBytes: 1,
        maxWaitTimeInMs: 100,
      });
      // A rebalance redelivers from the committed offsets: handled positions start afresh.
      this.consumer.on(this.consumer.events.GROUP_JOIN, () => {
        for (const { work } of this.work.values()) work.newGeneration();
        this.committed.clear();
      });
      await this.consumer.connect();
      await this.consumer.subscribe({
        topics: topics.map((t) => topicPrefix + t),
        fromBeginning: true,
      });
      await this.consumer.run({
        partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 3,
        // Offsets are committed by this server once handled (flush), never by kafkajs.
        autoCommit: false,
        eachBatchAutoResolve: false,
        eachBatch: (payload) => this.handleBatch(payload),
      });
      this.commitTimer = setInterval(() => void this.flush(), COMMIT_INTERVAL_MS);
      this.commitTimer.unref();
      this.running = true;
      callback();
    } catch (err) {
      callback(err);
    }
  }

  /** Stops fetching, lets queued messages finish (up to 20 s), commits offsets, then disconnects. */
  async close(): Promise<void> {
    this.running = false;
    await this.consumer?.stop();
    for (const { work } of this.work.values()) work.stop();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all([...this.work.values()].map(({ work }) => work.until(1))),
      new Promise((resolve) => (timer = setTimeout(resolve, DRAIN_TIMEOUT_MS))),
    ]);
    clearTimeout(timer);
    clearInterval(this.commitTimer);
    await this.flush();
    await this.consumer?.disconnect();
    await this.dlqProducer?.disconnect();
  }

  /** Commits every partition's handled position that moved since the last commit. */
  private flush(): Promise<void> {
    if (this.flushing) return this.flushing;
    const offsets: Array<{ topic: string; partition: number; offset: string }> = [];
    for (const [id, { topic, partition, work }] of this.work) {
      const offset = work.commitOffset;
      if (offset !== undefined && this.committed.get(id) !== offset)
        offsets.push({ topic, partition, offset });
    }
    if (offsets.length === 0 || !this.consumer) return Promise.resolve();
    this.flushing = this.consumer
      .commitOffsets(offsets)
      .then(() => {
        for (const o of offsets) this.committed.set(`${o.topic}:${o.partition}`, o.offset);
      })
      .catch((err: Error) => {
        // A rebalance in progress: the next generation commits what it handles.
        this.logger.debug?.(`offset commit failed (tried again): ${err.message}`);
      })
      .finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  private workOf(topic: string, partition: number): PartitionWork<KafkaMessage> {
    const id = `${topic}:${partition}`;
    let entry = this.work.get(id);
    if (!entry) {
      const work = new PartitionWork<KafkaMessage>({
        concurrency: this.optionsOf(topic)?.keyConcurrency ?? 1,
        laneOf: (message) => message.key?.toString('base64') ?? '',
        handle: (message) => this.handle({ topic, partition, message }),
        onError: (message, err) =>
          this.logger.error?.(
            `${topic}[${partition}]@${message.offset} could not be handled or dead-lettered: ${describeError(err, 1)}`,
          ),
      });
      entry = { topic, partition, work };
      this.work.set(id, entry);
    }
    return entry.work;
  }

  on(): never {
    throw new Error(
      'KafkaConsumerServer does not emit transport events; use kafkajs instrumentation',
    );
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }

  /** Nest's lookup parses the pattern on every call; the handlers are fixed once listening. */
  private handlerOf(topic: string): MessageHandler | null {
    let handler = this.handlerCache.get(topic);
    if (handler === undefined) {
      handler = this.getHandlerByPattern(topic);
      this.handlerCache.set(topic, handler);
    }
    return handler;
  }

  private optionsOf(topic: string): KafkaHandlerOptions | undefined {
    const handler = this.handlerOf(topic.slice(this.options.topicPrefix.length));
    return handler?.extras?.[KAFKA_HANDLER_EXTRAS] as KafkaHandlerOptions | undefined;
  }

  /**
   * Queues the batch on its partition's work (one message at a time in offset order, or, for
   * topics with `keyConcurrency`, that many keys at once, in order within a key) and moves the
   * fetch position past it; waits only while the partition has too much queued.
   */
  private async handleBatch(payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, heartbeat, isRunning, isStale } = payload;
    if (!isRunning() || isStale() || batch.messages.length === 0) return;
    const work = this.workOf(batch.topic, batch.partition);
    for (const message of batch.messages) work.push(message, BigInt(message.offset));
    resolveOffset(batch.messages[batch.messages.length - 1].offset);
    const limit = inFlightLimit(this.optionsOf(batch.topic)?.keyConcurrency ?? 1);
    if (work.inFlight < limit) return;
    const beat = setInterval(() => void heartbeat().catch(() => undefined), 1000);
    try {
      await work.until(Math.ceil(limit / 2));
    } finally {
      clearInterval(beat);
    }
  }

  private async handle({
    topic: fullTopic,
    partition,
    message,
  }: Pick<EachMessagePayload, 'topic' | 'partition' | 'message'>): Promise<void> {
    const topic = fullTopic.slice(this.options.topicPrefix.length);
    const handler = this.handlerOf(topic);
    if (!handler) return;
    const end = consumerMetrics.duration.startTimer({ topic });
    const options = (handler.extras?.[KAFKA_HANDLER_EXTRAS] ?? {
      types: {},
    }) as KafkaHandlerOptions;
    const decoded = await decodeMessage(topic, partition, message, options);
    if (!decoded.ok) {
      if (decoded.reason !== 'ignored')
        await this.deadLetter(fullTopic, partition, message, decoded.reason, decoded.error);
      end();
      return;
    }
    const maxAttempts = options.maxAttempts ?? DEFAULT_ATTEMPTS;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.invoke(handler, decoded.message);
        consumerMetrics.processed.inc({ topic, type: decoded.message.eventType });
        break;
      } catch (err) {
        const permanent = (err as { retryable?: boolean }).retryable === false;
        if (permanent || attempt >= maxAttempts) {
          await this.deadLetter(
            fullTopic,
            partition,
            message,
            'handler_failed',
            describeError(err, attempt),
          );
          break;
        }
        consumerMetrics.retried.inc({ topic });
        this.logger.warn?.(
          `handler for ${topic} failed (attempt ${attempt}/${maxAttempts}): ${describeError(err, attempt)}`,
        );
        await delay(Math.min((this.options.retryBaseDelayMs ?? 100) * 2 ** (attempt - 1), 5000));
      }
    }
    end();
  }

  private async invoke(handler: MessageHandler, message: unknown): Promise<void> {
    const result = await handler(message);
    await lastValueFrom(this.transformToObservable(result), { defaultValue: undefined });
  }

  private async deadLetter(
    topic: string,
    partition: number,
    message: EachMessagePayload['message'],
    reason: Parameters<typeof sendToDeadLetter>[1]['reason'],
    error: string,
  ): Promise<void> {
    this.logger.warn?.(
      `dead-lettering ${topic}[${partition}]@${message.offset}: ${reason}: ${error}`,
    );
    await sendToDeadLetter(this.dlqProducer!, {
      topic,
      partition,
      message,
      reason,
      error,
      groupId: this.options.groupId,
    });
    consumerMetrics.deadLettered.inc({
      topic: topic.slice(this.options.topicPrefix.length),
      reason,
    });
  }
}

function describeError(err: unknown, attempt: number): string {
  const e = err as Error;
  return `${e?.name ?? 'Error'}: ${e?.message ?? String(err)} (after ${attempt} attempt${attempt > 1 ? 's' : ''})`;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
