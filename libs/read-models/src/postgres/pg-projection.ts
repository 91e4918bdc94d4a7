import type { PoolClient } from 'pg';
import type { RecordedEvent } from '@inventory/event-store';

/**
 * A read model in PostgreSQL tables, for queries Redis cannot answer well (operator searches with
 * LIKE, ranges and sorting over millions of rows). `apply` gets a page of events in commit order
 * and writes them inside the runner's transaction, which also moves the checkpoint.
 */
export interface PgProjection {
  name: string;
  categories: readonly string[];
  /** Tables it owns; a rebuild truncates them. */
  tables: readonly string[];
  /** Idempotent DDL (CREATE TABLE IF NOT EXISTS ...), run before the first page. */
  setup(client: PoolClient): Promise<void>;
  apply(client: PoolClient, events: RecordedEvent[]): Promise<void>;
}
