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

/**
 * The Kafka side of every hybrid app: a Nest transport over kafkajs that validates each message
 * against its handler's declared types, retries transient failures with backoff, dead-letters
 * what cannot be handled and moves on. An offset is committed only after the handler (or the
 * dead-letter send) finished, so a crash re-delivers; handlers must therefore be idempotent.
 */
export class KafkaConsumerServer extends Server implements CustomTransportStrategy {
  private consumer?: Consumer;
  private dlqProducer?: Producer;
  private running = false;

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
      });
      await this.consumer.connect();
      await this.consumer.subscribe({
        topics: topics.map((t) => topicPrefix + t),
        fromBeginning: true,
      });
      await this.consumer.run({
        partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 3,
        eachBatchAutoResolve: false,
        eachBatch: (payload) => this.handleBatch(payload),
      });
      this.running = true;
      callback();
    } catch (err) {
      callback(err);
    }
  }

  /** Stops fetching, lets the in-flight message finish, commits offsets, then disconnects. */
  async close(): Promise<void> {
    this.running = false;
    await this.consumer?.disconnect();
    await this.dlqProducer?.disconnect();
  }

  on(): never {
    throw new Error(
      'KafkaConsumerServer does not emit transport events; use kafkajs instrumentation',
    );
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }

  private optionsOf(topic: string): KafkaHandlerOptions | undefined {
    const handler = this.getHandlerByPattern(topic.slice(this.options.topicPrefix.length));
    return handler?.extras?.[KAFKA_HANDLER_EXTRAS] as KafkaHandlerOptions | undefined;
  }

  /**
   * One message at a time, each offset resolved as soon as it is handled; or, for topics with
   * `keyConcurrency`, the batch's keys in parallel (in order within a key) and the offsets
   * resolved once the whole batch is handled.
   */
  private async handleBatch(payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale } =
      payload;
    const one = (message: KafkaMessage) =>
      this.handle({
        topic: batch.topic,
        partition: batch.partition,
        message,
        heartbeat,
        pause: payload.pause,
      });
    const concurrency = this.optionsOf(batch.topic)?.keyConcurrency ?? 1;
    if (concurrency <= 1) {
      for (const message of batch.messages) {
        if (!isRunning() || isStale()) return;
        await one(message);
        resolveOffset(message.offset);
        await commitOffsetsIfNecessary();
      }
      return;
    }
    const byKey = new Map<string, KafkaMessage[]>();
    for (const message of batch.messages) {
      const key = message.key?.toString('base64') ?? '';
      const list = byKey.get(key) ?? [];
      list.push(message);
      byKey.set(key, list);
    }
    const queues = [...byKey.values()];
    const beat = setInterval(() => void heartbeat().catch(() => undefined), 1000);
    try {
      await Promise.all(
        Array.from({ length: Math.min(concurrency, queues.length) }, async () => {
          for (let list = queues.shift(); list; list = queues.shift()) {
            for (const message of list) await one(message);
          }
        }),
      );
    } finally {
      clearInterval(beat);
    }
    // After a rebalance the batch may belong to another member now: it redelivers from the
    // committed offset, so resolve nothing here.
    if (isStale()) return;
    const last = batch.messages[batch.messages.length - 1];
    if (last) resolveOffset(last.offset);
    await commitOffsetsIfNecessary();
  }

  private async handle({
    topic: fullTopic,
    partition,
    message,
    heartbeat,
  }: EachMessagePayload): Promise<void> {
    const topic = fullTopic.slice(this.options.topicPrefix.length);
    const handler = this.getHandlerByPattern(topic);
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
        await heartbeat();
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
