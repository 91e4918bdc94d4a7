import { randomBytes } from 'crypto';
import { Client } from 'pg';
import { ServiceProcess, api, privateInfraEnv, startService, waitFor } from '@inventory/testing';

/**
 * PostgreSQL ends every connection of a running service (a failover, a restart, an operator's
 * pg_terminate_backend): the process keeps running, logs the loss, and serves writes again with
 * new connections. Before pools had an 'error' listener, an idle connection's error was an
 * uncaught exception that ended the process.
 */
describe('operations: a running service survives losing its PostgreSQL connections', () => {
  const run = randomBytes(3).toString('hex');
  let service: ServiceProcess;
  let drop: () => Promise<void>;
  let database: string;

  const createSource = (code: string) =>
    api(`${service.url}/V1/inventory/sources`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        source: { source_code: code, name: code, country_id: 'DE', postcode: '10115' },
      }),
    });

  beforeAll(async () => {
    const infra = await privateInfraEnv(`pgl${run}`);
    drop = infra.drop;
    database = new URL(infra.env.DATABASE_URL).pathname.slice(1);
    service = await startService('source-inventory', infra.env);
    await service.waitReady();
  }, 120000);

  afterAll(async () => {
    await service?.stop('SIGKILL');
    await drop?.();
  }, 60000);

  it('terminated backends are logged and replaced; the process stays up', async () => {
    expect((await createSource(`before-${run}`)).status).toBe(201);

    // From another database, so this session is not among those ended.
    const admin = new Client({
      connectionString:
        process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    });
    await admin.connect();
    let ended: number;
    try {
      const { rowCount } = await admin.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1',
        [database],
      );
      ended = rowCount ?? 0;
    } finally {
      await admin.end();
    }
    expect(ended).toBeGreaterThan(0);

    await waitFor(() => /PostgreSQL connection lost/.test(service.output()), {
      what: 'the service to log the lost connections',
      timeoutMs: 10000,
    });
    await service.waitReady(30000);
    expect((await createSource(`after-${run}`)).status).toBe(201);
    const read = await api(`${service.url}/V1/inventory/sources/after-${run}`);
    expect(read.status).toBe(200);
    expect(service.child.exitCode).toBeNull();
    expect(service.output()).not.toMatch(/Unhandled|uncaught/i);
  }, 60000);
});
