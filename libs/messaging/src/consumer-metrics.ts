import { Counter, Histogram, register } from 'prom-client';

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
  deadLettered: counter(
    'kafka_messages_dead_lettered_total',
    'Kafka messages sent to a dead-letter topic',
    ['topic', 'reason'],
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
