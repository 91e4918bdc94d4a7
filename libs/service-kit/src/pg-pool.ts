import { Pool, PoolConfig } from 'pg';
import { ServiceConfig, pgSslOption } from '@inventory/config';
import { PoolErrorLog, logPoolErrors } from '@inventory/event-store';

/**
 * A PostgreSQL pool of a service process or one of its CLIs: the service's DATABASE_URL and
 * DATABASE_SSL settings, and a lost idle connection logged rather than fatal (logPoolErrors;
 * `onError` defaults to a line on stderr).
 */
export function servicePool(
  config: Pick<ServiceConfig, 'DATABASE_URL' | 'DATABASE_SSL' | 'DATABASE_SSL_CA_FILE'>,
  options: Pick<PoolConfig, 'max' | 'connectionTimeoutMillis'> & { onError?: PoolErrorLog },
): Pool {
  const { onError, ...poolOptions } = options;
  return logPoolErrors(
    new Pool({ connectionString: config.DATABASE_URL, ssl: pgSslOption(config), ...poolOptions }),
    onError,
  );
}
