import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { Pool } from 'pg';
import { ensureTables } from '@inventory/event-store';
import { PG_POOL } from '@inventory/service-kit';

export const HOLDS_TABLE = 'rs_holds';

export type HoldStatus =
  'pending' | 'active' | 'expiring' | 'expired' | 'released' | 'converted' | 'rejected';

export interface HoldRow {
  hold_id: string;
  stock_id: number;
  /** `[{sku, qty}]`, qty as 4-place strings. */
  lines: Array<{ sku: string; qty: string }>;
  expires_at: Date;
  status: HoldStatus;
}

/**
 * Holds by id with their expiry, for the API and the expiry sweep (the hold streams keep the
 * history). A row is written "pending" before any ledger is touched, so a crash at any point
 * leaves a row the sweep will clean up once it expires.
 */
@Injectable()
export class HoldsStore implements OnModuleInit {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async onModuleInit(): Promise<void> {
    await ensureTables(this.pool, HOLDS_TABLE, [
      `CREATE TABLE IF NOT EXISTS ${HOLDS_TABLE} (
        hold_id text PRIMARY KEY,
        stock_id integer NOT NULL,
        lines jsonb NOT NULL,
        expires_at timestamptz NOT NULL,
        status text NOT NULL,
        claimed_at timestamptz
      )`,
      `CREATE INDEX IF NOT EXISTS ${HOLDS_TABLE}_expiry_idx ON ${HOLDS_TABLE} (expires_at)
       WHERE status IN ('pending', 'active', 'expiring')`,
    ]);
  }

  /** Inserts a pending hold; false if the id exists. */
  async insertPending(row: Omit<HoldRow, 'status'>): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `INSERT INTO ${HOLDS_TABLE} (hold_id, stock_id, lines, expires_at, status)
       VALUES ($1, $2, $3, $4, 'pending') ON CONFLICT (hold_id) DO NOTHING`,
      [row.hold_id, row.stock_id, JSON.stringify(row.lines), row.expires_at],
    );
    return (rowCount ?? 0) > 0;
  }

  async get(holdId: string): Promise<HoldRow | undefined> {
    const { rows } = await this.pool.query<HoldRow>(
      `SELECT hold_id, stock_id, lines, expires_at, status FROM ${HOLDS_TABLE} WHERE hold_id = $1`,
      [holdId],
    );
    return rows[0];
  }

  /** Moves a hold from one of `from` to `to` (optionally with a new expiry); true if it did. */
  async transition(
    holdId: string,
    from: readonly HoldStatus[],
    to: HoldStatus,
    expiresAt?: Date,
  ): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `UPDATE ${HOLDS_TABLE} SET status = $3, expires_at = COALESCE($4, expires_at)
       WHERE hold_id = $1 AND status = ANY($2::text[])`,
      [holdId, from, to, expiresAt ?? null],
    );
    return (rowCount ?? 0) > 0;
  }

  /**
   * Claims up to `limit` holds past their expiry (and expiries claimed long ago by a replica
   * that died), marking them "expiring"; SKIP LOCKED lets replicas sweep side by side.
   */
  async claimExpired(limit: number): Promise<HoldRow[]> {
    const { rows } = await this.pool.query<HoldRow>(
      `UPDATE ${HOLDS_TABLE} h SET status = 'expiring', claimed_at = now()
       WHERE hold_id IN (
         SELECT hold_id FROM ${HOLDS_TABLE}
         WHERE expires_at <= now()
           AND (status IN ('pending', 'active')
                OR (status = 'expiring' AND claimed_at < now() - interval '30 seconds'))
         ORDER BY expires_at LIMIT $1 FOR UPDATE SKIP LOCKED)
       RETURNING hold_id, stock_id, lines, expires_at, status`,
      [limit],
    );
    return rows;
  }
}
