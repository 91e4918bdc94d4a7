import { writeFileSync, mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import {
  ConfigValidationError,
  ServiceConfig,
  loadConfig,
  parseApiKeys,
  redactedConfig,
} from '@inventory/config';

class TestConfig extends ServiceConfig {
  override HTTP_PORT: number = 9000;
}

const HASH = 'ab'.repeat(32);
const base = {
  KAFKA_BROKERS: '127.0.0.1:9092',
  DATABASE_URL: 'postgres://app:db-password@127.0.0.1:5432/inventory',
  REDIS_URL: 'redis://127.0.0.1:6379/0',
};
const ca = join(mkdtempSync(join(tmpdir(), 'cfg-')), 'ca.pem');
writeFileSync(ca, '-----BEGIN CERTIFICATE-----\n');

function problems(env: Record<string, string>): Record<string, string> {
  try {
    loadConfig('svc', TestConfig, env);
    return {};
  } catch (err) {
    if (!(err instanceof ConfigValidationError)) throw err;
    return Object.fromEntries(err.problems.map((p) => [p.variable, p.reasons.join('; ')]));
  }
}

describe('authentication settings', () => {
  it('need at least one credential source', () => {
    expect(problems(base).AUTH_API_KEYS).toContain(
      'set AUTH_API_KEYS, AUTH_JWT_SECRET or AUTH_JWT_JWKS_URL',
    );
    expect(problems({ ...base, AUTH_API_KEYS: `ops:${HASH}:inventory:admin` })).toEqual({});
    expect(problems({ ...base, AUTH_JWT_SECRET: 's'.repeat(32) })).toEqual({});
  });

  it('parse API key entries with names, digests and scopes', () => {
    const { entries, problems: found } = parseApiKeys(
      `ops:${HASH}:inventory:admin+inventory:read,\n shop:${'CD'.repeat(32)}:inventory:checkout`,
    );
    expect(found).toEqual([]);
    expect(entries).toEqual([
      { name: 'ops', sha256: HASH, scopes: ['inventory:admin', 'inventory:read'] },
      { name: 'shop', sha256: 'cd'.repeat(32), scopes: ['inventory:checkout'] },
    ]);
  });

  it('reject malformed entries, unknown scopes and duplicates without quoting the value', () => {
    const secretish = 'not-a-hash-but-maybe-a-plain-key';
    const env = {
      ...base,
      AUTH_API_KEYS: `ops:${secretish}:inventory:admin,x:${HASH}:inventory:write,ops:${HASH}:inventory:read`,
    };
    const message = problems(env).AUTH_API_KEYS;
    expect(message).toContain('entry 1 is not <name>:<sha256 hex>:<scope>');
    expect(message).toContain('entry 2 has unknown scope(s) inventory:write');
    expect(message).not.toContain(secretish);
    expect(
      problems({ ...base, AUTH_API_KEYS: `a:${HASH}:inventory:read b:${HASH}:inventory:admin` })
        .AUTH_API_KEYS,
    ).toContain('lists the same key twice');
  });

  it('want a long HS256 secret and never print it', () => {
    const short = 'short-secret';
    const p = problems({ ...base, AUTH_JWT_SECRET: short });
    expect(p.AUTH_JWT_SECRET).toContain('at least 32 characters');
    expect(JSON.stringify(p)).not.toContain(short);
  });

  it('require issuer and audience with a JWKS', () => {
    const p = problems({ ...base, AUTH_JWT_JWKS_URL: 'https://idp.example/jwks.json' });
    expect(Object.keys(p).sort()).toEqual(['AUTH_JWT_AUDIENCE', 'AUTH_JWT_ISSUER']);
    expect(
      problems({
        ...base,
        AUTH_JWT_JWKS_URL: 'https://idp.example/jwks.json',
        AUTH_JWT_ISSUER: 'https://idp.example/',
        AUTH_JWT_AUDIENCE: 'inventory',
      }),
    ).toEqual({});
    expect(
      problems({ ...base, AUTH_API_KEYS: `o:${HASH}:inventory:read`, AUTH_JWT_ISSUER: 'x' }),
    ).toEqual({ AUTH_JWT_ISSUER: 'AUTH_JWT_ISSUER needs AUTH_JWT_SECRET or AUTH_JWT_JWKS_URL' });
  });
});

describe('transport security settings', () => {
  const withKey = { ...base, AUTH_API_KEYS: `ops:${HASH}:inventory:admin` };

  it('accept SASL with a mechanism, user and password', () => {
    const config = loadConfig('svc', TestConfig, {
      ...withKey,
      KAFKA_SSL: 'true',
      KAFKA_SSL_CA_FILE: ca,
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'inventory',
      KAFKA_SASL_PASSWORD: 'kafka-password',
    });
    expect(config.KAFKA_SSL).toBe(true);
    expect(config.KAFKA_SASL_MECHANISM).toBe('scram-sha-512');
  });

  it('reject a SASL password without a mechanism, and a mechanism without credentials', () => {
    expect(problems({ ...withKey, KAFKA_SASL_PASSWORD: 'x' })).toEqual({
      KAFKA_SASL_MECHANISM: expect.stringContaining('must be one of plain, scram-sha-256'),
    });
    expect(Object.keys(problems({ ...withKey, KAFKA_SASL_MECHANISM: 'plain' })).sort()).toEqual([
      'KAFKA_SASL_PASSWORD',
      'KAFKA_SASL_USERNAME',
    ]);
  });

  it('reject CA files without TLS, missing CA files, and two ways of saying sslmode', () => {
    expect(problems({ ...withKey, KAFKA_SSL_CA_FILE: ca })).toEqual({
      KAFKA_SSL_CA_FILE: 'KAFKA_SSL_CA_FILE needs KAFKA_SSL=true',
    });
    expect(
      problems({ ...withKey, KAFKA_SSL: 'yes', KAFKA_SSL_CA_FILE: '/nowhere/ca.pem' }),
    ).toEqual({ KAFKA_SSL_CA_FILE: expect.stringContaining('must name a readable file') });
    expect(problems({ ...withKey, REDIS_TLS_CA_FILE: ca })).toEqual({
      REDIS_TLS_CA_FILE: 'REDIS_TLS_CA_FILE needs a rediss:// REDIS_URL',
    });
    expect(problems({ ...withKey, DATABASE_SSL: 'require', DATABASE_SSL_CA_FILE: ca })).toEqual({
      DATABASE_SSL_CA_FILE: 'DATABASE_SSL_CA_FILE needs DATABASE_SSL=verify-ca or verify-full',
    });
    expect(
      problems({
        ...withKey,
        DATABASE_URL: `${base.DATABASE_URL}?sslmode=require`,
        DATABASE_SSL: 'verify-full',
      }),
    ).toEqual({ DATABASE_SSL: expect.stringContaining('conflict') });
    expect(problems({ ...withKey, DATABASE_SSL: 'prefer' })).toEqual({
      DATABASE_SSL: 'DATABASE_SSL must be one of disable, require, verify-ca, verify-full',
    });
  });
});

describe('redactedConfig', () => {
  it('hides secrets and URL passwords and keeps the rest', () => {
    const config = loadConfig('svc', TestConfig, {
      ...base,
      REDIS_URL: 'rediss://:redis-password@redis:6380/0',
      AUTH_API_KEYS: `ops:${HASH}:inventory:admin`,
      AUTH_JWT_SECRET: 'jwt-secret-that-is-long-enough-000000',
      KAFKA_SASL_MECHANISM: 'plain',
      KAFKA_SASL_USERNAME: 'inventory',
      KAFKA_SASL_PASSWORD: 'kafka-password',
    });
    const shown = redactedConfig(config);
    const text = JSON.stringify(shown);
    for (const secret of ['db-password', 'redis-password', 'jwt-secret', 'kafka-password'])
      expect(text).not.toContain(secret);
    expect(shown).toMatchObject({
      AUTH_JWT_SECRET: '[redacted]',
      KAFKA_SASL_PASSWORD: '[redacted]',
      KAFKA_SASL_USERNAME: 'inventory',
      DATABASE_URL: 'postgres://app:%5Bredacted%5D@127.0.0.1:5432/inventory',
      HTTP_PORT: 9000,
    });
  });
});
