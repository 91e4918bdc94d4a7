import { randomUUID } from 'crypto';
import { CompressionTypes, IHeaders, Kafka, Partitioners, Producer } from 'kafkajs';
import { HEADERS } from '@inventory/contracts';

export interface OutboundMessage {
  key: string;
  value: unknown;
  eventId?: string;
  eventType: string;
  schemaVersion?: number;
  correlationId?: string;
  causationId?: string;
  headers?: Record<string, string>;
}

/**
 * Publishes JSON messages with the standard headers. acks=-1 so that a broker acknowledgement means
 * the message is durable; one request in flight keeps order across retries. A retry may still
 * duplicate a message, which consumers absorb through their event-id idempotency.
 */
export class KafkaPublisher {
  private readonly producer: Producer;
  private connected?: Promise<void>;

  constructor(
    kafka: Kafka,
    private readonly topicPrefix: string,
    private readonly producerName: string,
  ) {
    this.producer = kafka.producer({
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
  }

  connect(): Promise<void> {
    this.connected ??= this.producer.connect();
    return this.connected;
  }

  async publish(topic: string, messages: OutboundMessage[]): Promise<void> {
    await this.connect();
    await this.producer.send({
      topic: this.topicPrefix + topic,
      acks: -1,
      compression: CompressionTypes.None,
      messages: messages.map((m) => ({
        key: m.key,
        value: JSON.stringify(m.value),
        headers: this.headersFor(m),
      })),
    });
  }

  async disconnect(): Promise<void> {
    if (this.connected) await this.producer.disconnect();
    this.connected = undefined;
  }

  private headersFor(m: OutboundMessage): IHeaders {
    const headers: IHeaders = {
      ...m.headers,
      [HEADERS.eventId]: m.eventId ?? randomUUID(),
      [HEADERS.eventType]: m.eventType,
      [HEADERS.schemaVersion]: String(m.schemaVersion ?? 1),
      [HEADERS.producer]: this.producerName,
    };
    if (m.correlationId) headers[HEADERS.correlationId] = m.correlationId;
    if (m.causationId) headers[HEADERS.causationId] = m.causationId;
    return headers;
  }
}
