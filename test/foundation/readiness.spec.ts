import {
  PrivateRedis,
  ServiceProcess,
  freePort,
  json,
  startService,
  testInfraEnv,
  waitFor,
} from '@inventory/testing';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function readiness(url: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${url}/health/ready`);
  return { status: res.status, body: await json(res) };
}

describe('readiness follows Redis', () => {
  let redis: PrivateRedis;
  let service: ServiceProcess;

  beforeAll(async () => {
    redis = new PrivateRedis(await freePort());
    await redis.start();
    service = await startService('stock-aggregation', {
      ...testInfraEnv(),
      KAFKA_TOPIC_PREFIX: `${process.env.KAFKA_TOPIC_PREFIX}readiness.`,
      REDIS_URL: redis.url,
    });
    await service.waitReady();
  }, 90000);

  afterAll(async () => {
    await service?.stop('SIGKILL');
    await redis?.stop();
  });

  it('turns not-ready when Redis stops and ready again when it is back', async () => {
    expect((await readiness(service.url)).status).toBe(200);

    await redis.stop();
    const down = await waitFor(
      async () => {
        const r = await readiness(service.url);
        return r.status === 503 ? r : undefined;
      },
      { what: 'readiness to fail', timeoutMs: 20000 },
    );
    expect(down.body.details.redis.status).toBe('down');
    expect(down.body.details.postgres.status).toBe('up');
    expect((await fetch(`${service.url}/health/live`)).status).toBe(200);

    await redis.start();
    const up = await waitFor(
      async () => {
        const r = await readiness(service.url);
        return r.status === 200 ? r : undefined;
      },
      { what: 'readiness to recover', timeoutMs: 30000 },
    );
    expect(up.body.details.redis.status).toBe('up');
  }, 90000);
});
