import { Kafka, logLevel, LogEntry, SASLOptions } from 'kafkajs';
import type { KafkaSecurityOptions } from '@inventory/config';
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
  /** TLS and SASL (kafkaSecurityOptions of @inventory/config); plain when absent. */
  security?: KafkaSecurityOptions;
}

/** One kafkajs client per process, logging through pino so broker noise is structured JSON. */
export function createKafka({ brokers, clientId, logger, security }: KafkaConnection): Kafka {
  return new Kafka({
    clientId,
    brokers,
    ssl: security?.ssl,
    sasl: security?.sasl as SASLOptions | undefined,
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
