import type { Migration } from './migration';

/**
 * One row per stream holds its current version: appends compare-and-set it, which serialises
 * writers of a stream without locking anything else. Events carry the id of the transaction
 * that wrote them (xid8, never wraps around) so that readers can stop before any transaction
 * that is still open; see docs/event-store.md for why that makes readAll gap-free.
 * No foreign key from events to streams: the append already holds the stream row lock, and
 * the check would cost a lookup per event.
 */
export const createEventTables: Migration = {
  version: 1,
  name: 'create_event_tables',
  up: ({ streams, events, prefix: p }) => `
    CREATE TABLE ${streams} (
      stream_name text PRIMARY KEY,
      version bigint NOT NULL CHECK (version >= 0)
    );

    CREATE TABLE ${events} (
      global_position bigint GENERATED ALWAYS AS IDENTITY,
      transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
      stream_name text NOT NULL,
      category text NOT NULL,
      stream_version bigint NOT NULL CHECK (stream_version >= 0),
      event_id uuid NOT NULL,
      event_type text NOT NULL,
      data jsonb NOT NULL,
      metadata jsonb NOT NULL DEFAULT '{}',
      recorded_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT ${p}events_pkey PRIMARY KEY (global_position),
      CONSTRAINT ${p}events_stream_version_key UNIQUE (stream_name, stream_version),
      CONSTRAINT ${p}events_event_id_key UNIQUE (event_id)
    );

    -- readAll: (transaction_id, global_position) > checkpoint, in that order.
    CREATE INDEX ${p}events_commit_order_idx ON ${events} (transaction_id, global_position);
    -- readAll filtered by category: one ordered index range per category.
    CREATE INDEX ${p}events_category_order_idx
      ON ${events} (category, transaction_id, global_position);
  `,
};
