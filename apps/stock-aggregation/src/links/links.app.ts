import { Injectable } from '@nestjs/common';
import { DEFAULT_SOURCE_CODE, type Actor, type SourceData } from '@inventory/contracts';
import {
  defineSearchSchema,
  filterInMemory,
  parseSearchCriteria,
  searchResult,
  type MagentoSearchResult,
} from '@inventory/msi-api';
import { linksOfStock, notFound, type LinkInput, type StockSourceLink } from '../domain';
import { now } from '../common/request-context';
import { SalableProjector } from '../salable/salable-projector';
import { KnownSources } from '../sources/known-sources';
import { StockRegistry } from '../stocks/stock-registry';

export const LINKS_SEARCH = defineSearchSchema({
  fields: {
    stock_id: { kind: 'number' },
    source_code: { kind: 'string' },
    priority: { kind: 'number' },
  },
  key: ['stock_id', 'source_code'],
  defaultSort: [
    { field: 'stock_id', direction: 'ASC' },
    { field: 'priority', direction: 'ASC' },
  ],
  maxPageSize: 1000,
});

/** A linked source this service has not heard of yet is shown by its code alone. */
export type AssignedSource = SourceData | { source_code: string };

@Injectable()
export class LinksApp {
  constructor(
    private readonly registry: StockRegistry,
    private readonly sources: KnownSources,
    private readonly projector: SalableProjector,
  ) {}

  /**
   * Upserts links, all or none. The domain's checks run first (a dry run), then the sources
   * must be known from `inventory.sources.v1`; sources are never deleted, so that check cannot
   * go stale before the append. The default source exists from source-inventory's first start.
   */
  async save(links: readonly LinkInput[], actor: Actor): Promise<void> {
    const command = { type: 'save_stock_source_links' as const, links, actor, occurred_at: now() };
    await this.registry.check(command);
    const codes = links.map((l) => String(l.source_code)).filter((c) => c !== DEFAULT_SOURCE_CODE);
    const [unknown] = await this.sources.missing(codes);
    if (unknown !== undefined) {
      throw notFound('SOURCE_NOT_FOUND', 'Source with code "%value" does not exist.', {
        value: unknown,
      });
    }
    await this.registry.run(command);
    await this.projector.linksChanged(links, false);
  }

  async delete(links: readonly LinkInput[], actor: Actor): Promise<void> {
    await this.registry.run({
      type: 'delete_stock_source_links',
      links,
      actor,
      occurred_at: now(),
    });
    await this.projector.linksChanged(links, true);
  }

  async search(query: unknown): Promise<MagentoSearchResult<StockSourceLink>> {
    const criteria = parseSearchCriteria(query, LINKS_SEARCH);
    const links = [...(await this.registry.state()).links.values()];
    const { items, totalCount } = filterInMemory(links, criteria);
    return searchResult(items, criteria, totalCount);
  }

  /** Disabled sources included; an unknown stock has no links, so `[]` (as MSI answers). */
  async sourcesOfStock(stockId: number): Promise<AssignedSource[]> {
    const links = linksOfStock((await this.registry.state()).links.values(), stockId);
    const details = await this.sources.byCode(links.map((l) => l.source_code));
    return links.map((l) => details.get(l.source_code) ?? { source_code: l.source_code });
  }
}
