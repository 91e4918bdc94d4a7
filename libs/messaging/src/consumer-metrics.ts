import { Counter, Histogram, register } from 'prom-client';
import { ScrapedGauge } from '@inventory/observability';

function counter(name: string, help: string, labelNames: string[]): Counter<string> {
  return (
    (register.getSingleMetric(name) as Counter<string>) ?? new Counter({ name, help, labelNames })
  );
}

export const consumerMetrics = {
  processed: counter('kafka_messages_processed_total', 'Kafka messages handled successfully', [
    'topic',
    'type',
  ]),
  /** `topic` is the logical topic the message came from (without the deployment's prefix). */
  deadLettered: counter(
    'kafka_messages_dead_lettered_total',
    'Kafka messages sent to a dead-letter topic, by original topic and reason',
    ['topic', 'reason'],
  ),
  /** Computed on scrape through the admin client: see KafkaConsumerServer.trackLag. */
  lag: ScrapedGauge.define(
    'kafka_consumer_lag_messages',
    'Messages of a topic not yet committed by a consumer group (sum over partitions)',
    ['group', 'topic'],
  ),
  retried: counter('kafka_message_retries_total', 'Handler attempts that failed and were retried', [
    'topic',
  ]),
  duration:
    (register.getSingleMetric('kafka_message_handling_seconds') as Histogram<string>) ??
    new Histogram({
      name: 'kafka_message_handling_seconds',
      help: 'Time to decode, validate and handle one Kafka message',
      labelNames: ['topic'],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5],
    }),
};
