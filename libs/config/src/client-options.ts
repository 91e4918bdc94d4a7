import { readFileSync } from 'fs';
import type { ServiceConfig } from './service-config';

/** Reads a PEM file; tests pass their own. */
export type ReadText = (path: string) => string;
const readText: ReadText = (path) => readFileSync(path, 'utf8');

/** kafkajs' `ssl` and `sasl` client options (structurally; this library does not load kafkajs). */
export interface KafkaSecurityOptions {
  ssl?: boolean | { ca: string[] };
  sasl?: {
    mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512';
    username: string;
    password: string;
  };
}

export function kafkaSecurityOptions(
  config: Pick<
    ServiceConfig,
    | 'KAFKA_SSL'
    | 'KAFKA_SSL_CA_FILE'
    | 'KAFKA_SASL_MECHANISM'
    | 'KAFKA_SASL_USERNAME'
    | 'KAFKA_SASL_PASSWORD'
  >,
  read: ReadText = readText,
): KafkaSecurityOptions {
  const options: KafkaSecurityOptions = {};
  if (config.KAFKA_SSL)
    options.ssl = config.KAFKA_SSL_CA_FILE ? { ca: [read(config.KAFKA_SSL_CA_FILE)] } : true;
  if (config.KAFKA_SASL_MECHANISM)
    options.sasl = {
      mechanism: config.KAFKA_SASL_MECHANISM,
      username: config.KAFKA_SASL_USERNAME ?? '',
      password: config.KAFKA_SASL_PASSWORD ?? '',
    };
  return options;
}

/** node-postgres' `ssl` option (a subset of tls.ConnectionOptions). */
export type PgSslOption =
  false | { rejectUnauthorized: boolean; ca?: string; checkServerIdentity?: () => undefined };

/**
 * DATABASE_SSL as libpq's sslmode. undefined leaves the decision to DATABASE_URL (node-postgres
 * reads `sslmode` there); config validation forbids setting both.
 */
export function pgSslOption(
  config: Pick<ServiceConfig, 'DATABASE_SSL' | 'DATABASE_SSL_CA_FILE'>,
  read: ReadText = readText,
): PgSslOption | undefined {
  const ca = config.DATABASE_SSL_CA_FILE ? { ca: read(config.DATABASE_SSL_CA_FILE) } : {};
  switch (config.DATABASE_SSL) {
    case undefined:
      return undefined;
    case 'disable':
      return false;
    case 'require':
      return { rejectUnauthorized: false };
    case 'verify-ca':
      // The chain is checked, the host name is not (libpq's verify-ca).
      return { rejectUnauthorized: true, ...ca, checkServerIdentity: () => undefined };
    case 'verify-full':
      return { rejectUnauthorized: true, ...ca };
  }
}

/**
 * ioredis options beyond the URL: a `rediss://` URL turns TLS on by itself (system CAs);
 * REDIS_TLS_CA_FILE adds a private CA.
 */
export function redisTlsOptions(
  config: { REDIS_URL?: string; REDIS_TLS_CA_FILE?: string },
  read: ReadText = readText,
): { tls?: { ca: string } } {
  return config.REDIS_TLS_CA_FILE && config.REDIS_URL?.startsWith('rediss://')
    ? { tls: { ca: read(config.REDIS_TLS_CA_FILE) } }
    : {};
}
