import type { PoolClient } from 'pg';
import type { RecordedEvent } from '@inventory/event-store';
import { PgProjection } from '@inventory/read-models';
import type { LowStockThresholdSet, SourceItemEventBase } from '@inventory/contracts';

export const SOURCE_ITEMS_TABLE = 'si_source_items';

interface RowChange {
  source_code: string;
  sku: string;
  deleted: boolean;
  quantity: string;
  status: number;
  /** Whether notify_stock_qty is set by this page (a delete resets it, as MSI deletes the config). */
  notifySet: boolean;
  notify: string | null;
  at: string;
}

/**
 * Source items for searches and the low-stock report. Each event states the item's quantity and
 * status after it, so a page reduces to one change per item, applied with two set-based statements
 * (this is what keeps a 1,000,000-row import's projection fast).
 */
export const sourceItemsProjection: PgProjection = {
  name: 'source-inventory.source-items',
  categories: ['sourceitem'],
  tables: [SOURCE_ITEMS_TABLE],
  async setup(client: PoolClient) {
    await client.query(`CREATE TABLE IF NOT EXISTS ${SOURCE_ITEMS_TABLE} (
      source_code text NOT NULL,
      sku text NOT NULL,
      quantity numeric(24,4) NOT NULL,
      status smallint NOT NULL,
      notify_stock_qty numeric(24,4),
      updated_at timestamptz NOT NULL,
      PRIMARY KEY (source_code, sku)
    )`);
    await client.query(
      `CREATE INDEX IF NOT EXISTS ${SOURCE_ITEMS_TABLE}_sku_idx ON ${SOURCE_ITEMS_TABLE} (sku)`,
    );
    await client.query(
      `CREATE INDEX IF NOT EXISTS ${SOURCE_ITEMS_TABLE}_quantity_idx ON ${SOURCE_ITEMS_TABLE} (quantity)`,
    );
  },
  async apply(client: PoolClient, events: RecordedEvent[]) {
    const changes = reduce(events);
    const upserts = changes.filter((c) => !c.deleted);
    const deletes = changes.filter((c) => c.deleted);
    if (deletes.length) {
      await client.query(
        `DELETE FROM ${SOURCE_ITEMS_TABLE} t USING unnest($1::text[], $2::text[]) AS d(source_code, sku)
         WHERE t.source_code = d.source_code AND t.sku = d.sku`,
        [deletes.map((c) => c.source_code), deletes.map((c) => c.sku)],
      );
    }
    // Items whose threshold this page sets (or resets) and items whose threshold it leaves alone.
    await upsert(
      client,
      upserts.filter((c) => c.notifySet),
      true,
    );
    await upsert(
      client,
      upserts.filter((c) => !c.notifySet),
      false,
    );
  },
};

async function upsert(client: PoolClient, rows: RowChange[], withNotify: boolean): Promise<void> {
  if (rows.length === 0) return;
  await client.query(
    `INSERT INTO ${SOURCE_ITEMS_TABLE} AS t (source_code, sku, quantity, status, notify_stock_qty, updated_at)
     SELECT * FROM unnest($1::text[], $2::text[], $3::numeric[], $4::smallint[], $5::numeric[], $6::timestamptz[])
     ON CONFLICT (source_code, sku) DO UPDATE SET
       quantity = EXCLUDED.quantity, status = EXCLUDED.status, updated_at = EXCLUDED.updated_at
       ${withNotify ? ', notify_stock_qty = EXCLUDED.notify_stock_qty' : ''}`,
    [
      rows.map((c) => c.source_code),
      rows.map((c) => c.sku),
      rows.map((c) => c.quantity),
      rows.map((c) => c.status),
      rows.map((c) => c.notify),
      rows.map((c) => c.at),
    ],
  );
}

function reduce(events: RecordedEvent[]): RowChange[] {
  const byKey = new Map<string, RowChange>();
  for (const e of events) {
    const d = e.data as SourceItemEventBase;
    const key = `${d.source_code}\u0000${d.sku}`;
    const prev = byKey.get(key);
    const next: RowChange = {
      source_code: d.source_code,
      sku: d.sku,
      deleted: e.type === 'source_item_unassigned',
      quantity: d.quantity,
      status: d.status,
      notifySet: prev?.notifySet ?? false,
      notify: prev?.notify ?? null,
      at: d.occurred_at,
    };
    if (e.type === 'source_item_unassigned') {
      next.notifySet = true;
      next.notify = null;
    }
    if (e.type === 'low_stock_threshold_set') {
      next.notifySet = true;
      next.notify = (e.data as LowStockThresholdSet).notify_stock_qty;
    }
    byKey.set(key, next);
  }
  return [...byKey.values()];
}
