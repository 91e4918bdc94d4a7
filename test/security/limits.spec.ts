import { Readable } from 'stream';
import { apiKeyEntry, generateApiKey } from '@inventory/auth';
import { BODY_TOO_LARGE_MESSAGE } from '@inventory/msi-api';
import {
  ServiceProcess,
  authHeaders,
  json,
  startService,
  testAuthEnv,
  testInfraEnv,
} from '@inventory/testing';

/** The gateway's own limits, configured low: requests per client and window, body size. */
describe('gateway limits', () => {
  const first = generateApiKey();
  const second = generateApiKey();
  const auth = {
    AUTH_API_KEYS: [
      testAuthEnv().AUTH_API_KEYS,
      apiKeyEntry('first', first, ['inventory:read']),
      apiKeyEntry('second', second, ['inventory:read']),
    ].join(','),
  };
  let service: ServiceProcess;
  let limited: ServiceProcess;
  let small: ServiceProcess;

  beforeAll(async () => {
    service = await startService('source-inventory', {
      ...testInfraEnv(),
      ...auth,
      KAFKA_TOPIC_PREFIX: `${process.env.KAFKA_TOPIC_PREFIX}limits.`,
    });
    await service.waitReady();
    [limited, small] = await Promise.all([
      startService('gateway', {
        ...auth,
        SOURCE_INVENTORY_URL: service.url,
        RATE_LIMIT_MAX: '5',
        RATE_LIMIT_WINDOW_MS: '60000',
      }),
      startService('gateway', {
        ...auth,
        SOURCE_INVENTORY_URL: service.url,
        HTTP_BODY_LIMIT_BYTES: '2048',
      }),
    ]);
    await Promise.all([limited.waitReady(), small.waitReady()]);
  }, 120000);

  afterAll(async () => {
    await Promise.all([limited, small, service].filter(Boolean).map((s) => s.stop('SIGKILL')));
  });

  const get = (base: string, key: string) =>
    fetch(`${base}/V1/inventory/sources`, { headers: { 'x-api-key': key } });

  it('answers 429 with Retry-After past the configured rate, per credential', async () => {
    for (let i = 0; i < 5; i++) expect((await get(limited.url, first)).status).toBe(200);
    const refused = await get(limited.url, first);
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await json(refused)).toEqual({
      message:
        'Too many requests: more than %max in %window_ms ms from this client. Retry after %retry_after seconds.',
      parameters: { max: 5, window_ms: 60000, retry_after: retryAfter },
    });
    // Another credential has a budget of its own; probes are never limited.
    expect((await get(limited.url, second)).status).toBe(200);
    for (let i = 0; i < 10; i++)
      expect((await fetch(`${limited.url}/health/ready`)).status).toBe(200);
  });

  it('does not throttle a burst of several hundred checkout-sized requests at the defaults', async () => {
    // `small` runs with the default rate limit: 600 concurrent requests from one credential.
    const results = await Promise.all(
      Array.from({ length: 600 }, () =>
        fetch(`${small.url}/V1/inventory/sources/default`, { headers: authHeaders() }),
      ),
    );
    expect(results.filter((r) => r.status === 429)).toHaveLength(0);
  }, 60000);

  const source = (code: string, padding = 0) => ({
    source: {
      source_code: code,
      name: 'x'.repeat(padding || 1),
      enabled: true,
      country_id: 'DE',
      postcode: '1',
    },
  });
  const exists = async (code: string) =>
    (await fetch(`${service.url}/V1/inventory/sources/${code}`, { headers: authHeaders() })).status;

  it('answers 413 for a body over the configured size and forwards nothing', async () => {
    const res = await fetch(`${small.url}/V1/inventory/sources`, {
      method: 'POST',
      headers: authHeaders({ 'content-type': 'application/json' }),
      body: JSON.stringify(source('lim-too-large', 3000)),
    });
    expect(res.status).toBe(413);
    expect(await json(res)).toEqual({ message: BODY_TOO_LARGE_MESSAGE });
    expect(await exists('lim-too-large')).toBe(404);
  });

  it('measures chunked bodies too: too large refused, small ones forwarded whole', async () => {
    const chunked = (body: unknown) =>
      fetch(`${small.url}/V1/inventory/sources`, {
        method: 'POST',
        headers: authHeaders({ 'content-type': 'application/json' }),
        // A stream has no Content-Length: it is sent with Transfer-Encoding: chunked.
        body: Readable.toWeb(
          Readable.from([Buffer.from(JSON.stringify(body))]),
        ) as unknown as RequestInit['body'],
        duplex: 'half',
      } as RequestInit);
    const large = await chunked(source('lim-chunked-large', 3000));
    expect(large.status).toBe(413);
    expect(await exists('lim-chunked-large')).toBe(404);
    const fine = await chunked(source('lim-chunked-small'));
    expect(fine.ok).toBe(true);
    expect(await exists('lim-chunked-small')).toBe(200);
  });
});
