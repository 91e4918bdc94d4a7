import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { Pool, PoolClient } from 'pg';
import type { SourceData } from '@inventory/contracts';
import { ensureTables } from '@inventory/event-store';
import { PG_POOL } from '@inventory/service-kit';

export const KNOWN_SOURCES_TABLE = 'sa_sources';

/**
 * The sources stock aggregation knows of, fed from `inventory.sources.v1` (apps never import
 * each other). Source events carry the whole source, so a row is the latest event's source;
 * `stream_version` (the relay's header) orders them, which makes a redelivery or a late older
 * event a no-op. Sources are never deleted, so a row once present stays.
 */
@Injectable()
export class KnownSources implements OnModuleInit {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async onModuleInit(): Promise<void> {
    // Replicas start together; concurrent CREATE TABLE IF NOT EXISTS can collide in the catalog.
    await ensureTables(this.pool, KNOWN_SOURCES_TABLE, [
      `CREATE TABLE IF NOT EXISTS ${KNOWN_SOURCES_TABLE} (
        source_code text PRIMARY KEY,
        enabled boolean NOT NULL,
        data jsonb NOT NULL,
        stream_version bigint NOT NULL
      )`,
    ]);
  }

  /** Idempotent: only a newer version of the source's stream replaces the row; true if it did. */
  async upsert(
    source: SourceData,
    streamVersion: number,
    db: Pool | PoolClient = this.pool,
  ): Promise<boolean> {
    const { rowCount } = await db.query(
      `INSERT INTO ${KNOWN_SOURCES_TABLE} AS t (source_code, enabled, data, stream_version)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (source_code) DO UPDATE
         SET enabled = EXCLUDED.enabled, data = EXCLUDED.data, stream_version = EXCLUDED.stream_version
         WHERE t.stream_version < EXCLUDED.stream_version`,
      [source.source_code, source.enabled, JSON.stringify(source), streamVersion],
    );
    return (rowCount ?? 0) > 0;
  }

  /** Empties the table (a rebuild from the event store refills it). */
  async truncate(db: Pool | PoolClient = this.pool): Promise<void> {
    await db.query(`TRUNCATE ${KNOWN_SOURCES_TABLE}`);
  }

  /** Enabled flags of every known source (single-source mode is decided on them). */
  async enabledFlags(): Promise<Array<{ source_code: string; enabled: boolean }>> {
    const { rows } = await this.pool.query<{ source_code: string; enabled: boolean }>(
      `SELECT source_code, enabled FROM ${KNOWN_SOURCES_TABLE} ORDER BY source_code`,
    );
    return rows;
  }

  /** The codes among `codes` that are not known (yet). */
  async missing(codes: readonly string[]): Promise<string[]> {
    const unique = [...new Set(codes)];
    if (unique.length === 0) return [];
    const { rows } = await this.pool.query<{ source_code: string }>(
      `SELECT source_code FROM ${KNOWN_SOURCES_TABLE} WHERE source_code = ANY($1::text[])`,
      [unique],
    );
    const known = new Set(rows.map((r) => r.source_code));
    return unique.filter((code) => !known.has(code));
  }

  async byCode(codes: readonly string[]): Promise<Map<string, SourceData>> {
    if (codes.length === 0) return new Map();
    const { rows } = await this.pool.query<{ source_code: string; data: SourceData }>(
      `SELECT source_code, data FROM ${KNOWN_SOURCES_TABLE} WHERE source_code = ANY($1::text[])`,
      [[...new Set(codes)]],
    );
    return new Map(rows.map((r) => [r.source_code, r.data]));
  }
}
