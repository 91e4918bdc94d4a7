import type { StockEvent } from './stock.decider';
import { linkKey, type StockRegistryState } from './stock.types';

/** Applies one registry event; copies the maps so that earlier states stay unchanged. */
export function evolveRegistry(state: StockRegistryState, event: StockEvent): StockRegistryState {
  const stocks = new Map(state.stocks);
  const links = new Map(state.links);
  let next = state.next_stock_id;
  switch (event.type) {
    case 'stock_created':
    case 'stock_updated':
      stocks.set(event.data.stock.stock_id, event.data.stock);
      next = Math.max(next, event.data.stock.stock_id + 1);
      break;
    case 'stock_deleted':
      stocks.delete(event.data.stock_id);
      break;
    case 'stock_source_links_saved':
      for (const link of event.data.links)
        links.set(linkKey(link.stock_id, link.source_code), link);
      break;
    case 'stock_source_links_deleted':
      for (const link of event.data.links) links.delete(linkKey(link.stock_id, link.source_code));
      break;
  }
  return { stocks, links, next_stock_id: next };
}
