import { Kafka, logLevel, LogEntry } from 'kafkajs';
import type { Logger } from 'pino';

const LEVELS: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

export interface KafkaConnection {
  brokers: string[];
  clientId: string;
  logger?: Logger;
}

/** One kafkajs client per process, logging through pino so broker noise is structured JSON. */
export function createKafka({ brokers, clientId, logger }: KafkaConnection): Kafka {
  return new Kafka({
    clientId,
    brokers,
    connectionTimeout: 3000,
    requestTimeout: 30000,
    retry: { initialRetryTime: 200, retries: 8 },
    logLevel: logLevel.WARN,
    logCreator: () => (entry: LogEntry) => {
      if (!logger) return;
      const { message, timestamp: _t, logger: _l, ...extra } = entry.log;
      logger[LEVELS[entry.level] ?? 'info']({ kafka: entry.namespace, ...extra }, message);
    },
  });
}
