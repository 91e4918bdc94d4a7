import { kafkaSecurityOptions, pgSslOption, redisTlsOptions } from '@inventory/config';

const read = (path: string) => `PEM of ${path}`;

describe('kafkaSecurityOptions', () => {
  it('is empty for a plain broker', () => {
    expect(kafkaSecurityOptions({ KAFKA_SSL: false }, read)).toEqual({});
  });

  it('turns TLS on with the system CAs or a CA file', () => {
    expect(kafkaSecurityOptions({ KAFKA_SSL: true }, read)).toEqual({ ssl: true });
    expect(kafkaSecurityOptions({ KAFKA_SSL: true, KAFKA_SSL_CA_FILE: '/ca.pem' }, read)).toEqual({
      ssl: { ca: ['PEM of /ca.pem'] },
    });
  });

  it('passes SASL mechanism and credentials', () => {
    expect(
      kafkaSecurityOptions(
        {
          KAFKA_SSL: true,
          KAFKA_SASL_MECHANISM: 'scram-sha-256',
          KAFKA_SASL_USERNAME: 'inventory',
          KAFKA_SASL_PASSWORD: 'pw',
        },
        read,
      ),
    ).toEqual({
      ssl: true,
      sasl: { mechanism: 'scram-sha-256', username: 'inventory', password: 'pw' },
    });
  });
});

describe('pgSslOption', () => {
  it.each([
    [undefined, undefined, undefined],
    ['disable', undefined, false],
    ['require', undefined, { rejectUnauthorized: false }],
    ['verify-full', undefined, { rejectUnauthorized: true }],
    ['verify-full', '/ca.pem', { rejectUnauthorized: true, ca: 'PEM of /ca.pem' }],
  ] as const)('maps DATABASE_SSL=%s (CA %s) to %j', (mode, caFile, expected) => {
    expect(pgSslOption({ DATABASE_SSL: mode, DATABASE_SSL_CA_FILE: caFile }, read)).toEqual(
      expected,
    );
  });

  it('verifies the chain but not the host name with verify-ca', () => {
    const ssl = pgSslOption({ DATABASE_SSL: 'verify-ca', DATABASE_SSL_CA_FILE: '/ca.pem' }, read);
    expect(ssl).toMatchObject({ rejectUnauthorized: true, ca: 'PEM of /ca.pem' });
    expect((ssl as { checkServerIdentity: () => unknown }).checkServerIdentity()).toBeUndefined();
  });
});

describe('redisTlsOptions', () => {
  it('adds a CA for rediss:// and nothing otherwise (the URL turns TLS on)', () => {
    expect(
      redisTlsOptions({ REDIS_URL: 'rediss://:pw@r:6380', REDIS_TLS_CA_FILE: '/ca' }, read),
    ).toEqual({ tls: { ca: 'PEM of /ca' } });
    expect(redisTlsOptions({ REDIS_URL: 'rediss://r:6380' }, read)).toEqual({});
    expect(
      redisTlsOptions({ REDIS_URL: 'redis://r:6379', REDIS_TLS_CA_FILE: '/ca' }, read),
    ).toEqual({});
  });
});
