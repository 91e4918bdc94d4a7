import { Kafka } from 'kafkajs';
import { ServiceConfig, brokerList, kafkaSecurityOptions } from '@inventory/config';
import { createKafka } from '@inventory/messaging';
import { createLogger } from '@inventory/observability';

/**
 * The kafkajs client of a service process, or of one of its CLIs: brokers, TLS and SASL from
 * the service's configuration, broker logs through pino. One place, so a CLI never connects
 * differently from the service it belongs to.
 */
export function serviceKafka(
  config: ServiceConfig,
  clientId: string,
  logLevel: string = config.LOG_LEVEL,
): Kafka {
  return createKafka({
    brokers: brokerList(config),
    clientId,
    logger: createLogger(clientId, logLevel),
    security: kafkaSecurityOptions(config),
  });
}
