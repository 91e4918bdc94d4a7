import type { PoolClient } from 'pg';
import type { RecordedEvent } from '@inventory/event-store';
import { PgProjection } from '@inventory/read-models';
import type { SourceCreated, SourceData, SourceUpdated } from '@inventory/contracts';

export const SOURCES_TABLE = 'si_sources';

/**
 * Sources for operator searches. Source events carry the whole source, so the page's last event
 * per source code is its row.
 */
export const sourcesProjection: PgProjection = {
  name: 'source-inventory.sources',
  categories: ['source'],
  tables: [SOURCES_TABLE],
  async setup(client: PoolClient) {
    await client.query(`CREATE TABLE IF NOT EXISTS ${SOURCES_TABLE} (
      source_code text PRIMARY KEY,
      name text NOT NULL,
      enabled boolean NOT NULL,
      country_id text NOT NULL,
      postcode text NOT NULL,
      region text,
      city text,
      is_pickup_location_active boolean NOT NULL DEFAULT false,
      data jsonb NOT NULL,
      updated_at timestamptz NOT NULL
    )`);
  },
  async apply(client: PoolClient, events: RecordedEvent[]) {
    const latest = new Map<string, { source: SourceData; at: string }>();
    for (const e of events) {
      if (e.type !== 'source_created' && e.type !== 'source_updated') continue;
      const data = e.data as SourceCreated | SourceUpdated;
      latest.set(data.source.source_code, { source: data.source, at: data.occurred_at });
    }
    if (latest.size === 0) return;
    const rows = [...latest.values()];
    await client.query(
      `INSERT INTO ${SOURCES_TABLE} AS t
         (source_code, name, enabled, country_id, postcode, region, city, is_pickup_location_active, data, updated_at)
       SELECT d->>'source_code', d->>'name', (d->>'enabled')::boolean, d->>'country_id', d->>'postcode',
              d->>'region', d->>'city', COALESCE((d->>'is_pickup_location_active')::boolean, false), d, at
       FROM unnest($1::jsonb[], $2::timestamptz[]) AS u(d, at)
       ON CONFLICT (source_code) DO UPDATE SET
         name = EXCLUDED.name, enabled = EXCLUDED.enabled, country_id = EXCLUDED.country_id,
         postcode = EXCLUDED.postcode, region = EXCLUDED.region, city = EXCLUDED.city,
         is_pickup_location_active = EXCLUDED.is_pickup_location_active, data = EXCLUDED.data,
         updated_at = EXCLUDED.updated_at`,
      [rows.map((r) => JSON.stringify(r.source)), rows.map((r) => r.at)],
    );
  },
};
