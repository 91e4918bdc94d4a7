import { Client, Pool } from 'pg';
import { waitFor } from '@inventory/testing';
import { logPoolErrors } from './pool-errors';

/**
 * A connection the server ends (a restart, a failover, pg_terminate_backend) makes node-postgres
 * emit 'error'; without a listener that is an uncaught exception, which fails this suite.
 */
describe('logPoolErrors on a real PostgreSQL', () => {
  const url = process.env.DATABASE_URL!;
  const logged: Error[] = [];
  let pool: Pool;
  let admin: Client;

  const terminate = async (pid: number) => {
    const { rows } = await admin.query('SELECT pg_terminate_backend($1) AS done', [pid]);
    expect(rows[0].done).toBe(true);
  };
  const backendPid = async (): Promise<number> =>
    (await pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;

  beforeAll(async () => {
    pool = logPoolErrors(new Pool({ connectionString: url, max: 1 }), (err) => logged.push(err));
    admin = new Client({ connectionString: url });
    await admin.connect();
  });

  afterAll(async () => {
    await admin.end();
    await pool.end();
  });

  it('logs an idle connection that the server ends, and the next query gets a new one', async () => {
    const pid = await backendPid();
    await terminate(pid);
    await waitFor(() => logged.length > 0, { what: 'the pool to report the lost connection' });
    expect(logged[0].message).toMatch(/terminating connection due to administrator command/);
    expect(pool.totalCount).toBe(0); // the pool dropped the dead client
    const next = await backendPid();
    expect(next).not.toBe(pid);
  });

  it('survives a checked-out connection ended between two queries; its next query fails', async () => {
    logged.length = 0;
    const client = await pool.connect();
    const pid = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
    // Not events.once: it would listen for 'error' itself, which is what is under test.
    const ended = new Promise((resolve) => client.once('end', resolve));
    await terminate(pid);
    await ended;
    await expect(client.query('SELECT 1')).rejects.toThrow();
    client.release(true);
    // Checked-out connections are their holder's to report: the pool logs only idle ones.
    expect(logged).toEqual([]);
    expect((await pool.query('SELECT 1 AS one')).rows[0].one).toBe(1);
  });
});
