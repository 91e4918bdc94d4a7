import { randomBytes } from 'crypto';
import { SignJWT } from 'jose';
import { apiKeyEntry, generateApiKey } from '@inventory/auth';
import {
  DOMAIN_SERVICES,
  DomainServiceName,
  Scope,
  serviceUrlVariable,
} from '@inventory/contracts';
import {
  PrivateRedis,
  ServiceProcess,
  freePort,
  privateInfraEnv,
  startService,
  testAuthEnv,
} from '@inventory/testing';

/** Secrets the suite configures; none of them may appear in any process's output. */
export interface Secrets {
  keys: Record<Scope, string>;
  jwtSecret: string;
  databasePassword: string;
  redisPassword: string;
}

export const ISSUER = 'inventory-security-tests';
export const AUDIENCE = 'inventory';

/**
 * The four services and the gateway on a database, Redis (with a password) and topic prefix of
 * their own, accepting one API key per scope and HS256 tokens, logging at debug.
 */
export class SecuritySuite {
  readonly services = {} as Record<DomainServiceName, ServiceProcess>;
  gateway!: ServiceProcess;
  readonly extra: ServiceProcess[] = [];
  readonly secrets: Secrets = {
    keys: {
      'inventory:admin': generateApiKey(),
      'inventory:checkout': generateApiKey(),
      'inventory:read': generateApiKey(),
    },
    jwtSecret: `jwt-${randomBytes(24).toString('hex')}`,
    databasePassword: `pg-${randomBytes(12).toString('hex')}`,
    redisPassword: `redis-${randomBytes(12).toString('hex')}`,
  };
  env: Record<string, string> = {};
  /** Every token made, so the log test can look for each. */
  readonly tokens: string[] = [];
  private redis?: PrivateRedis;
  private drop?: () => Promise<void>;

  async start(): Promise<void> {
    const infra = await privateInfraEnv(`sec${randomBytes(3).toString('hex')}`);
    this.drop = infra.drop;
    this.redis = new PrivateRedis(await freePort(), this.secrets.redisPassword);
    await this.redis.start();
    const db = new URL(infra.env.DATABASE_URL);
    db.password = this.secrets.databasePassword; // PostgreSQL trusts loopback here: accepted, unused
    const keys = Object.entries(this.secrets.keys).map(([scope, key]) =>
      apiKeyEntry(scope.split(':')[1], key, [scope as Scope]),
    );
    this.env = {
      ...infra.env,
      DATABASE_URL: db.toString(),
      REDIS_URL: this.redis.url,
      LOG_LEVEL: 'debug',
      AUTH_API_KEYS: [testAuthEnv().AUTH_API_KEYS, ...keys].join(','),
      AUTH_JWT_SECRET: this.secrets.jwtSecret,
      AUTH_JWT_ISSUER: ISSUER,
      AUTH_JWT_AUDIENCE: AUDIENCE,
    };
    for (const name of DOMAIN_SERVICES) this.services[name] = await startService(name, this.env);
    await Promise.all(Object.values(this.services).map((s) => s.waitReady(120000)));
    this.gateway = await this.startGateway();
  }

  /** A gateway in front of the suite's services; `overrides` for limits. */
  async startGateway(overrides: Record<string, string> = {}): Promise<ServiceProcess> {
    const { AUTH_API_KEYS, AUTH_JWT_SECRET, AUTH_JWT_ISSUER, AUTH_JWT_AUDIENCE } = this.env;
    const gateway = await startService('gateway', {
      ...Object.fromEntries(
        DOMAIN_SERVICES.map((s) => [serviceUrlVariable(s), this.services[s].url]),
      ),
      REDIS_URL: this.env.REDIS_URL,
      REDIS_KEY_PREFIX: this.env.REDIS_KEY_PREFIX,
      LOG_LEVEL: 'debug',
      AUTH_API_KEYS,
      AUTH_JWT_SECRET,
      AUTH_JWT_ISSUER,
      AUTH_JWT_AUDIENCE,
      ...overrides,
    });
    await gateway.waitReady();
    if (this.gateway) this.extra.push(gateway);
    return gateway;
  }

  /** Every process's output so far. */
  output(): string {
    return [...Object.values(this.services), this.gateway, ...this.extra]
      .filter(Boolean)
      .map((p) => p.output())
      .join('\n');
  }

  async token(
    scopes: string,
    { exp = '5m' as string | number, secret = this.secrets.jwtSecret, sub = 'client-7' } = {},
  ): Promise<string> {
    const token = await new SignJWT({ scope: scopes })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject(sub)
      .setIssuedAt()
      .setExpirationTime(exp)
      .sign(new TextEncoder().encode(secret));
    this.tokens.push(token);
    return token;
  }

  async stop(): Promise<void> {
    await Promise.all(
      [this.gateway, ...this.extra, ...Object.values(this.services)]
        .filter(Boolean)
        .map((s) => s.stop('SIGKILL')),
    );
    await this.redis?.stop();
    await this.drop?.();
  }
}

export function call(
  base: string,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: unknown,
): Promise<Response> {
  const hasBody = body !== undefined && method !== 'GET' && method !== 'DELETE';
  return fetch(`${base}${path}`, {
    method,
    headers: hasBody ? { ...headers, 'content-type': 'application/json' } : headers,
    body: hasBody ? JSON.stringify(body) : undefined,
  });
}
