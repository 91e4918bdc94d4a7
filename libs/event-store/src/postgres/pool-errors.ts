import type { Pool } from 'pg';

/** Where a pool reports a lost connection; the process's logger, or stderr in a CLI. */
export type PoolErrorLog = (err: Error) => void;

const toStderr: PoolErrorLog = (err) =>
  console.error(`PostgreSQL connection lost: ${err.message} (the pool replaces it)`);

/**
 * A pg.Pool emits 'error' when an idle client loses its connection (a database restart or
 * failover, pg_terminate_backend, a network cut); with no listener that is an uncaught
 * exception and ends the process. This logs it instead: the pool has already dropped the
 * client and opens a new one for the next query. A client that is checked out has no pool
 * listener, so it gets one that ignores the error: its holder's next query fails with it and
 * releases the client, as with any failed query. Call it once, right after `new Pool(...)`.
 */
export function logPoolErrors<P extends Pool>(pool: P, log: PoolErrorLog = toStderr): P {
  pool.on('error', (err) => log(err));
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}
