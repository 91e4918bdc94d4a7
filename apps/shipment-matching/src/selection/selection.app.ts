import { Injectable } from '@nestjs/common';
import { parseQuantity, toUnits } from '@inventory/kernel';
import { select, type Destination, type SourceSelectionResult } from '@inventory/source-selection';
import { CatalogStore } from '../catalog/catalog.store';
import { PgPostcodeLookup } from './pg-postcode-lookup';
import { PendingRequests } from './pending-requests';
import type { Line, Plan } from '../domain';

export interface SelectionRequest {
  stockId: number;
  items: ReadonlyArray<{ sku: string; qty: string | number }>;
  destination?: Destination | null;
  algorithmCode: string;
  /** Sources that must not ship (they failed for this order). */
  excluded?: readonly string[];
}

/**
 * Runs a source selection algorithm on this service's copy of the stock's sources and items.
 * Planning (not the REST preview) also subtracts what open shipment requests already ask of
 * each source, so two orders are not planned against the same units.
 */
@Injectable()
export class SelectionApp {
  readonly lookup: PgPostcodeLookup;

  constructor(
    private readonly catalog: CatalogStore,
    private readonly pending: PendingRequests,
  ) {
    this.lookup = new PgPostcodeLookup(catalog.pool);
  }

  async select(request: SelectionRequest, forPlanning = false): Promise<SourceSelectionResult> {
    const excluded = new Set(request.excluded ?? []);
    const sources = (await this.catalog.linkedSources(request.stockId)).filter(
      (s) => !excluded.has(s.code),
    );
    const skus = request.items.map((i) => i.sku);
    const held = forPlanning ? await this.pending.held() : undefined;
    const items = await this.catalog.items(
      sources.map((s) => s.code),
      skus,
      held,
    );
    return select(
      request.algorithmCode,
      {
        stockId: request.stockId,
        items: request.items.map((i) => ({ sku: i.sku, qty: parseQuantity(i.qty) })),
        destination: request.destination ?? undefined,
      },
      sources,
      items,
      this.lookup,
    );
  }

  /** A plan: the rows that deduct something, grouped per source; none when not shippable. */
  async plan(request: SelectionRequest): Promise<Plan> {
    const result = await this.select(request, true);
    if (!result.shippable) return { shipments: [] };
    const bySource = new Map<string, Line[]>();
    for (const row of result.source_selection_items) {
      if (row.qty_to_deduct <= 0) continue;
      const lines = bySource.get(row.source_code) ?? [];
      lines.push({ sku: row.sku, qty: toUnits(row.qty_to_deduct) });
      bySource.set(row.source_code, lines);
    }
    return { shipments: [...bySource].map(([source_code, items]) => ({ source_code, items })) };
  }
}
