import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { Secret } from './secrets';
import { IsApiKeyList, IsBrokerList, IsReadableFile, OnlyWhen, ToBool, ToInt } from './validators';

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

  /**
   * API keys the REST API accepts, as SHA-256 digests with scopes (docs/security.md):
   * `<name>:<sha256 hex>:<scope>[+<scope>...]`, several separated by commas. At least one of
   * AUTH_API_KEYS, AUTH_JWT_SECRET and AUTH_JWT_JWKS_URL must be set.
   */
  @ValidateIf(
    (c: BaseConfig) =>
      c.AUTH_API_KEYS !== undefined || (!c.AUTH_JWT_SECRET && !c.AUTH_JWT_JWKS_URL),
  )
  @IsApiKeyList(
    'set AUTH_API_KEYS, AUTH_JWT_SECRET or AUTH_JWT_JWKS_URL: every REST route but health, metrics and the API docs needs credentials',
  )
  AUTH_API_KEYS?: string;

  /** Shared secret of HS256 bearer tokens (JWTs); 32 characters or more. */
  @IsOptional()
  @Secret()
  @IsString()
  @MinLength(32, { message: 'AUTH_JWT_SECRET must be at least 32 characters (256 bits for HS256)' })
  AUTH_JWT_SECRET?: string;

  /** JWKS of an identity provider whose RS/PS/ES/EdDSA-signed tokens are accepted. */
  @IsOptional()
  @IsUrl(
    { protocols: ['https', 'http'], require_tld: false, require_protocol: true },
    { message: 'AUTH_JWT_JWKS_URL must be an http(s) URL' },
  )
  AUTH_JWT_JWKS_URL?: string;

  /**
   * Required `iss` of tokens. Required with a JWKS: an identity provider signs tokens for many
   * applications, and only issuer and audience tell ours apart.
   */
  @ValidateIf((c: BaseConfig) => c.AUTH_JWT_ISSUER !== undefined || !!c.AUTH_JWT_JWKS_URL)
  @IsNotEmpty({ message: 'AUTH_JWT_ISSUER must be set when AUTH_JWT_JWKS_URL is' })
  @OnlyWhen(
    (c) => !!c.AUTH_JWT_SECRET || !!c.AUTH_JWT_JWKS_URL,
    'AUTH_JWT_ISSUER needs AUTH_JWT_SECRET or AUTH_JWT_JWKS_URL',
  )
  AUTH_JWT_ISSUER?: string;

  /** Required `aud` of tokens (one value, or several separated by commas). */
  @ValidateIf((c: BaseConfig) => c.AUTH_JWT_AUDIENCE !== undefined || !!c.AUTH_JWT_JWKS_URL)
  @IsNotEmpty({ message: 'AUTH_JWT_AUDIENCE must be set when AUTH_JWT_JWKS_URL is' })
  @OnlyWhen(
    (c) => !!c.AUTH_JWT_SECRET || !!c.AUTH_JWT_JWKS_URL,
    'AUTH_JWT_AUDIENCE needs AUTH_JWT_SECRET or AUTH_JWT_JWKS_URL',
  )
  AUTH_JWT_AUDIENCE?: string;
}

const SASL_MECHANISMS = ['plain', 'scram-sha-256', 'scram-sha-512'];
const DATABASE_SSL_MODES = ['disable', 'require', 'verify-ca', 'verify-full'];

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

  /** TLS to the brokers (a CA bundle in KAFKA_SSL_CA_FILE, else the system's CAs). */
  @ToBool()
  @IsBoolean({ message: 'KAFKA_SSL must be true or false' })
  KAFKA_SSL: boolean = false;

  @IsOptional()
  @IsReadableFile()
  @OnlyWhen((c) => c.KAFKA_SSL === true, 'KAFKA_SSL_CA_FILE needs KAFKA_SSL=true')
  KAFKA_SSL_CA_FILE?: string;

  /** SASL authentication to the brokers; with `plain`, also set KAFKA_SSL (else the password travels in clear). */
  @ValidateIf(
    (c: ServiceConfig) =>
      c.KAFKA_SASL_MECHANISM !== undefined ||
      c.KAFKA_SASL_USERNAME !== undefined ||
      c.KAFKA_SASL_PASSWORD !== undefined,
  )
  @IsIn(SASL_MECHANISMS, {
    message: `KAFKA_SASL_MECHANISM must be one of ${SASL_MECHANISMS.join(', ')} when a SASL user or password is set`,
  })
  KAFKA_SASL_MECHANISM?: 'plain' | 'scram-sha-256' | 'scram-sha-512';

  @ValidateIf((c: ServiceConfig) => c.KAFKA_SASL_MECHANISM !== undefined)
  @IsNotEmpty({ message: 'KAFKA_SASL_USERNAME must be set with KAFKA_SASL_MECHANISM' })
  KAFKA_SASL_USERNAME?: string;

  @ValidateIf((c: ServiceConfig) => c.KAFKA_SASL_MECHANISM !== undefined)
  @Secret()
  @IsNotEmpty({ message: 'KAFKA_SASL_PASSWORD must be set with KAFKA_SASL_MECHANISM' })
  KAFKA_SASL_PASSWORD?: string;

  /** May hold a password (`postgres://user:password@host/db`): logged with it cut out. */
  @IsUrl(
    { protocols: ['postgres', 'postgresql'], require_tld: false, require_protocol: true },
    { message: 'DATABASE_URL must be a postgres:// connection URL' },
  )
  DATABASE_URL!: string;

  /**
   * TLS to PostgreSQL, as libpq's sslmode: `disable`, `require` (encrypted, server not
   * verified), `verify-ca`, `verify-full` (certificate and host name). Unset: the URL decides.
   */
  @IsOptional()
  @IsIn(DATABASE_SSL_MODES, {
    message: `DATABASE_SSL must be one of ${DATABASE_SSL_MODES.join(', ')}`,
  })
  @OnlyWhen(
    (c) => !/[?&](sslmode|ssl)=/.test(String(c.DATABASE_URL ?? '')),
    'DATABASE_SSL and an sslmode/ssl parameter in DATABASE_URL conflict: use one',
  )
  DATABASE_SSL?: 'disable' | 'require' | 'verify-ca' | 'verify-full';

  @IsOptional()
  @IsReadableFile()
  @OnlyWhen(
    (c) => c.DATABASE_SSL === 'verify-ca' || c.DATABASE_SSL === 'verify-full',
    'DATABASE_SSL_CA_FILE needs DATABASE_SSL=verify-ca or verify-full',
  )
  DATABASE_SSL_CA_FILE?: string;

  /** `redis://` or, for TLS, `rediss://`; a password goes in the URL (`rediss://:password@host:6380/0`). */
  @IsUrl(
    { protocols: ['redis', 'rediss'], require_tld: false, require_protocol: true },
    { message: 'REDIS_URL must be a redis:// URL' },
  )
  REDIS_URL!: string;

  @IsOptional()
  @IsReadableFile()
  @OnlyWhen(
    (c) => String(c.REDIS_URL ?? '').startsWith('rediss://'),
    'REDIS_TLS_CA_FILE needs a rediss:// REDIS_URL',
  )
  REDIS_TLS_CA_FILE?: string;

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
