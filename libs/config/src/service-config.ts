import { IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min } from 'class-validator';
import { IsBrokerList, ToInt } from './validators';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Settings every process has: where it listens and how it logs. */
export class BaseConfig {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: string = 'development';

  @IsIn(LOG_LEVELS, { message: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL: string = 'info';

  @IsString()
  HTTP_HOST: string = '127.0.0.1';

  @ToInt()
  @IsInt({ message: 'HTTP_PORT must be an integer port number' })
  @Min(0)
  @Max(65535)
  HTTP_PORT!: number;

  /** Largest accepted request body; larger ones get 413 before any parsing. */
  @ToInt()
  @IsInt({ message: 'HTTP_BODY_LIMIT_BYTES must be an integer number of bytes' })
  @Min(1024)
  HTTP_BODY_LIMIT_BYTES: number = 1024 * 1024;

  /** Longest wait for in-flight work on SIGTERM before connections are closed anyway. */
  @ToInt()
  @IsInt()
  @Min(0)
  SHUTDOWN_TIMEOUT_MS: number = 10000;
}

/** A domain service: HTTP + Kafka consumer + PostgreSQL event store + Redis read models. */
export class ServiceConfig extends BaseConfig {
  @IsBrokerList()
  KAFKA_BROKERS!: string;

  /** Prepended to every topic name; lets test runs share a broker without seeing each other. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9._-]*$/, {
    message: 'KAFKA_TOPIC_PREFIX may hold only letters, digits, ".", "_" and "-"',
  })
  KAFKA_TOPIC_PREFIX: string = '';

  @IsUrl(
    { protocols: ['postgres', 'postgresql'], require_tld: false, require_protocol: true },
    { message: 'DATABASE_URL must be a postgres:// connection URL' },
  )
  DATABASE_URL!: string;

  @IsUrl(
    { protocols: ['redis', 'rediss'], require_tld: false, require_protocol: true },
    { message: 'REDIS_URL must be a redis:// URL' },
  )
  REDIS_URL!: string;

  @IsOptional()
  @IsString()
  REDIS_KEY_PREFIX: string = '';

  /**
   * How long the broker waits for a silent consumer before giving its partitions to another
   * replica (a replica killed without a goodbye stalls its partitions this long). Within the
   * broker's group.min/max.session.timeout.ms (6 s to 30 min by default).
   */
  @ToInt()
  @IsInt()
  @Min(6000)
  @Max(1800000)
  KAFKA_SESSION_TIMEOUT_MS: number = 30000;

  /** PostgreSQL connections per process. */
  @ToInt()
  @IsInt()
  @Min(2)
  @Max(200)
  PG_POOL_MAX: number = 10;

  /** Partitions a replica handles at once (order is kept within a partition). */
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(64)
  KAFKA_PARTITIONS_CONCURRENCY: number = 3;
}

export function brokerList(config: Pick<ServiceConfig, 'KAFKA_BROKERS'>): string[] {
  return config.KAFKA_BROKERS.split(',').map((b) => b.trim());
}
