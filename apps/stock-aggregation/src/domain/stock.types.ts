import type { Actor } from '@inventory/contracts';
import type { StockSourceLink } from './aggregate';
import { msiMessage, type MsiMessage } from './errors';

export const DEFAULT_STOCK_ID = 1;
export const DEFAULT_STOCK_NAME = 'Default Stock';
export const DEFAULT_SALES_CHANNEL: SalesChannel = { type: 'website', code: 'base' };

export interface SalesChannel {
  type: 'website';
  /** Chosen by the commerce platform: letters, digits, `_` and `-`. */
  code: string;
}

/** A stock as MSI's REST API shows it. */
export interface StockData {
  stock_id: number;
  name: string;
  extension_attributes: { sales_channels: SalesChannel[] };
}

/** What a client sends; `sales_channels` left out keeps the stock's channels (as in MSI). */
export interface StockInput {
  stock_id?: unknown;
  name?: unknown;
  extension_attributes?: { sales_channels?: readonly unknown[] | null } | null;
}

export interface Stamp {
  actor: Actor;
  occurred_at: string;
}

/** Everything about stocks, decided on the one `stockregistry-main` stream. */
export interface StockRegistryState {
  stocks: ReadonlyMap<number, StockData>;
  /** Keyed by linkKey. */
  links: ReadonlyMap<string, StockSourceLink>;
  /** Like MSI's auto-increment: ids of deleted stocks are never handed out again. */
  next_stock_id: number;
}

export function linkKey(stockId: number, sourceCode: string): string {
  return `${stockId}/${sourceCode}`;
}

export function channelKey(channel: SalesChannel): string {
  return `${channel.type}/${channel.code}`;
}

const CHANNEL_CODE = /^[A-Za-z0-9_-]+$/;

export function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

/** The channels of an input, or undefined when left out; problems are pushed to `errors`. */
export function readChannels(input: StockInput, errors: MsiMessage[]): SalesChannel[] | undefined {
  const raw = input.extension_attributes?.sales_channels;
  if (raw === undefined || raw === null) return undefined;
  const channels: SalesChannel[] = [];
  const seen = new Set<string>();
  for (const item of raw) {
    const { type, code } = (item ?? {}) as { type?: unknown; code?: unknown };
    if (type !== 'website') {
      errors.push(msiMessage('"%field" must be "%value".', { field: 'type', value: 'website' }));
      continue;
    }
    if (typeof code !== 'string' || code === '') {
      errors.push(msiMessage('"%field" can not be empty.', { field: 'code' }));
      continue;
    }
    if (!CHANNEL_CODE.test(code)) {
      errors.push(
        msiMessage('"%field" may contain only letters, digits, "_" and "-".', { field: 'code' }),
      );
      continue;
    }
    const channel: SalesChannel = { type, code };
    if (seen.has(channelKey(channel))) {
      errors.push(msiMessage('Sales channel "%code" is listed more than once.', { code }));
      continue;
    }
    seen.add(channelKey(channel));
    channels.push(channel);
  }
  return channels;
}

export function nameErrors(name: unknown): MsiMessage[] {
  return typeof name === 'string' && name.trim() !== ''
    ? []
    : [msiMessage('"%field" can not be empty.', { field: 'name' })];
}
