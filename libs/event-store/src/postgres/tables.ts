import { createHash } from 'crypto';
import { EventStoreArgumentError } from '../port/errors';

export interface PostgresTableOptions {
  /** PostgreSQL schema holding the tables; created by the migrations if missing. Default `public`. */
  schema?: string;
  /** Prefix of every table, index and constraint name. Default `es_`. */
  tablePrefix?: string;
}

/**
 * Resolved, quoted names. Schema and prefix are interpolated into SQL (identifiers cannot be
 * bound as parameters), so they are restricted to lower-case identifier characters here.
 */
export interface PostgresTables {
  schema: string;
  prefix: string;
  streams: string;
  events: string;
  migrations: string;
  /** Unique constraint whose violation means "an event id of the batch is already stored". */
  eventIdConstraint: string;
  /** Namespace of this store's advisory locks and prepared statement names. */
  key: string;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;
// Leaves room for the longest derived name ('events_category_order_idx') within NAMEDATALEN 63.
const MAX_PREFIX_LENGTH = 32;

export function resolveTables(options: PostgresTableOptions = {}): PostgresTables {
  const schema = options.schema ?? 'public';
  const prefix = options.tablePrefix ?? 'es_';
  if (!IDENTIFIER.test(schema) || schema.length > 63) {
    throw new EventStoreArgumentError(`invalid schema name ${JSON.stringify(schema)}`);
  }
  if (!(prefix === '' || IDENTIFIER.test(prefix)) || prefix.length > MAX_PREFIX_LENGTH) {
    throw new EventStoreArgumentError(`invalid table prefix ${JSON.stringify(prefix)}`);
  }
  const table = (name: string) => `"${schema}"."${prefix}${name}"`;
  return {
    schema,
    prefix,
    streams: table('streams'),
    events: table('events'),
    migrations: table('schema_migrations'),
    eventIdConstraint: `${prefix}events_event_id_key`,
    key: `${schema}.${prefix}`,
  };
}

/** PostgreSQL's longest identifier, in bytes; a longer statement name is cut to it. */
const MAX_IDENTIFIER_BYTES = 63;

/**
 * The name of one of the store's prepared statements: `es:<schema>.<prefix>:<what>`, or, when
 * that is longer than PostgreSQL keeps (63 bytes: a long schema name, a readAll over many
 * categories), `es:` and a hash of it, since two names cut to the same 63 bytes would be one
 * statement to PostgreSQL and two to the driver.
 */
export function statementName(tables: PostgresTables, what: string): string {
  const name = `es:${tables.key}:${what}`;
  if (Buffer.byteLength(name) <= MAX_IDENTIFIER_BYTES) return name;
  return `es:${createHash('sha256').update(name).digest('hex').slice(0, 40)}`;
}
