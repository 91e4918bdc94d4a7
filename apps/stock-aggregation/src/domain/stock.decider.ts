import { DEFAULT_SOURCE_CODE } from '@inventory/contracts';
import type { Decider } from '@inventory/decider';
import { stockNotFound } from '@inventory/salability';
import type { StockSourceLink } from './aggregate';
import { conflict, invalid, msiMessage, throwIfInvalid, type MsiMessage } from './errors';
import { evolveRegistry } from './stock.evolve';
import { deleteLinks, saveLinks, type LinkInput } from './stock.links';
import { reassignChannels } from './stock.channels';
import {
  channelKey,
  DEFAULT_SALES_CHANNEL,
  DEFAULT_STOCK_ID,
  DEFAULT_STOCK_NAME,
  isPositiveInteger,
  linkKey,
  nameErrors,
  readChannels,
  type Stamp,
  type StockData,
  type StockInput,
  type StockRegistryState,
} from './stock.types';

export type StockCommand = Stamp &
  (
    | { type: 'ensure_defaults' }
    | { type: 'create_stock'; stock: StockInput }
    | { type: 'update_stock'; stock_id: number; stock: StockInput }
    | { type: 'delete_stock'; stock_id: number }
    | { type: 'save_stock_source_links'; links: readonly LinkInput[] }
    | { type: 'delete_stock_source_links'; links: readonly LinkInput[] }
  );

/** Each stock event carries the stock's whole state after it; link events the links. */
export type StockEvent =
  | { type: 'stock_created'; data: Stamp & { stock: StockData } }
  | { type: 'stock_updated'; data: Stamp & { stock: StockData; changed: string[] } }
  | { type: 'stock_deleted'; data: Stamp & { stock_id: number } }
  | { type: 'stock_source_links_saved'; data: Stamp & { links: StockSourceLink[] } }
  | { type: 'stock_source_links_deleted'; data: Stamp & { links: StockSourceLink[] } };

export const initialStockRegistry: StockRegistryState = {
  stocks: new Map(),
  links: new Map(),
  next_stock_id: DEFAULT_STOCK_ID,
};

export const stockRegistryDecider: Decider<StockCommand, StockEvent, StockRegistryState> = {
  initialState: initialStockRegistry,
  decide(command, state) {
    // Only these two travel in events: spreading the command would copy its other fields.
    const stamp: Stamp = { actor: command.actor, occurred_at: command.occurred_at };
    switch (command.type) {
      case 'ensure_defaults':
        return ensureDefaults(state, stamp);
      case 'create_stock':
        return saveStock(state, command.stock, undefined, stamp);
      case 'update_stock':
        return saveStock(state, command.stock, command.stock_id, stamp);
      case 'delete_stock':
        return deleteStock(state, command.stock_id, stamp);
      case 'save_stock_source_links':
        return saveLinks(state, command.links, stamp);
      case 'delete_stock_source_links':
        return deleteLinks(state, command.links, stamp);
    }
  },
  evolve: evolveRegistry,
};

/** MSI's install data: stock 1 with website/base, linked to the default source. Idempotent. */
function ensureDefaults(state: StockRegistryState, stamp: Stamp): StockEvent[] {
  const events: StockEvent[] = [];
  if (!state.stocks.has(DEFAULT_STOCK_ID)) {
    events.push(
      ...saveStock(
        state,
        { stock_id: DEFAULT_STOCK_ID, name: DEFAULT_STOCK_NAME },
        undefined,
        stamp,
        [DEFAULT_SALES_CHANNEL],
      ),
    );
  }
  if (!state.links.has(linkKey(DEFAULT_STOCK_ID, DEFAULT_SOURCE_CODE))) {
    const link = { stock_id: DEFAULT_STOCK_ID, source_code: DEFAULT_SOURCE_CODE, priority: 1 };
    events.push({ type: 'stock_source_links_saved', data: { links: [link], ...stamp } });
  }
  return events;
}

function saveStock(
  state: StockRegistryState,
  input: StockInput,
  addressed: number | undefined,
  stamp: Stamp,
  unclaimedChannels?: StockData['extension_attributes']['sales_channels'],
): StockEvent[] {
  const errors: MsiMessage[] = [...nameErrors(input.name)];
  const channels = readChannels(input, errors);
  const given = input.stock_id ?? undefined;
  if (given !== undefined && !isPositiveInteger(given)) {
    errors.push(msiMessage('"%field" must be a positive integer.', { field: 'stock_id' }));
  } else if (addressed !== undefined && given !== undefined && given !== addressed) {
    errors.push(
      msiMessage('"%field" can not be changed from "%value" to "%new_value".', {
        field: 'stock_id',
        value: addressed,
        new_value: String(given),
      }),
    );
  }
  throwIfInvalid(errors);
  const id = addressed ?? (given as number | undefined) ?? state.next_stock_id;
  const current = state.stocks.get(id);
  if (addressed === undefined && current) {
    throw conflict('STOCK_ALREADY_EXISTS', 'Stock with id "%value" already exists.', { value: id });
  }
  if (addressed !== undefined && !current) throw stockNotFound(id);
  const wanted =
    channels ??
    current?.extension_attributes.sales_channels ??
    unclaimedOnly(state, unclaimedChannels ?? []);
  const stock: StockData = {
    stock_id: id,
    name: input.name as string,
    extension_attributes: { sales_channels: wanted },
  };
  return reassignChannels(state, stock, current, stamp);
}

/** ensure_defaults never takes a channel that an operator already gave to another stock. */
function unclaimedOnly(
  state: StockRegistryState,
  channels: StockData['extension_attributes']['sales_channels'],
) {
  const claimed = new Set(
    [...state.stocks.values()].flatMap((s) =>
      s.extension_attributes.sales_channels.map(channelKey),
    ),
  );
  return channels.filter((channel) => !claimed.has(channelKey(channel)));
}

function deleteStock(state: StockRegistryState, id: number, stamp: Stamp): StockEvent[] {
  const stock = state.stocks.get(id);
  if (!stock) throw stockNotFound(id);
  if (id === DEFAULT_STOCK_ID) {
    throw invalid('DEFAULT_STOCK_NOT_DELETABLE', 'Default Stock could not be deleted.');
  }
  if (stock.extension_attributes.sales_channels.length > 0) {
    throw invalid(
      'STOCK_HAS_SALES_CHANNELS',
      'Stock has at least one sale channel and could not be deleted.',
    );
  }
  // Its links go with it (MSI's foreign key cascades), stated so projections drop them too.
  const links = [...state.links.values()].filter((link) => link.stock_id === id);
  const events: StockEvent[] = [];
  if (links.length > 0)
    events.push({ type: 'stock_source_links_deleted', data: { links, ...stamp } });
  events.push({ type: 'stock_deleted', data: { stock_id: id, ...stamp } });
  return events;
}
