import type { StockEvent } from './stock.decider';
import {
  channelKey,
  DEFAULT_STOCK_ID,
  type SalesChannel,
  type Stamp,
  type StockData,
  type StockRegistryState,
} from './stock.types';
import { invalid } from './errors';

/**
 * Saves `stock` and keeps "a channel belongs to exactly one stock": channels it lists move to
 * it from other stocks; channels it dropped fall back to the default stock. Emits the saved
 * stock first, then every other stock whose channels changed, by id, each in full.
 */
export function reassignChannels(
  state: StockRegistryState,
  stock: StockData,
  current: StockData | undefined,
  stamp: Stamp,
): StockEvent[] {
  const wanted = new Set(stock.extension_attributes.sales_channels.map(channelKey));
  const dropped = (current?.extension_attributes.sales_channels ?? []).filter(
    (channel) => !wanted.has(channelKey(channel)),
  );
  if (stock.stock_id === DEFAULT_STOCK_ID && dropped.length > 0) {
    // Where else would it fall back to? Moving it to another stock is the way to remove it.
    throw invalid(
      'DEFAULT_STOCK_CHANNEL_REQUIRED',
      'Sales channel "%code" can leave the Default Stock only by being assigned to another stock.',
      { code: dropped[0].code },
    );
  }
  const events: StockEvent[] = [];
  if (!current) events.push({ type: 'stock_created', data: { stock, ...stamp } });
  else {
    const changed = changedStockFields(current, stock);
    if (changed.length > 0)
      events.push({ type: 'stock_updated', data: { stock, changed, ...stamp } });
  }
  for (const other of [...state.stocks.values()].sort((a, b) => a.stock_id - b.stock_id)) {
    if (other.stock_id === stock.stock_id) continue;
    const kept = other.extension_attributes.sales_channels.filter(
      (c) => !wanted.has(channelKey(c)),
    );
    const gained: SalesChannel[] = other.stock_id === DEFAULT_STOCK_ID ? dropped : [];
    const after = withChannels(other, [...kept, ...gained]);
    const changed = changedStockFields(other, after);
    if (changed.length > 0) {
      events.push({ type: 'stock_updated', data: { stock: after, changed, ...stamp } });
    }
  }
  return events;
}

function withChannels(stock: StockData, channels: SalesChannel[]): StockData {
  return { ...stock, extension_attributes: { sales_channels: channels } };
}

function changedStockFields(before: StockData, after: StockData): string[] {
  const changed: string[] = [];
  if (before.name !== after.name) changed.push('name');
  const channels = (s: StockData) => JSON.stringify(s.extension_attributes.sales_channels);
  if (channels(before) !== channels(after)) changed.push('sales_channels');
  return changed;
}
