import { DEFAULT_SOURCE_CODE } from '@inventory/contracts';
import { stockNotFound } from '@inventory/salability';
import type { StockSourceLink } from './aggregate';
import { invalid, msiMessage, throwIfInvalid, type MsiMessage } from './errors';
import type { StockEvent } from './stock.decider';
import {
  DEFAULT_STOCK_ID,
  isPositiveInteger,
  linkKey,
  type Stamp,
  type StockRegistryState,
} from './stock.types';

/** A link as a client sends it (`priority` is ignored by deletes). */
export interface LinkInput {
  stock_id?: unknown;
  source_code?: unknown;
  priority?: unknown;
}

/** Only MSI's built-in link may touch the default stock or the default source. */
function touchesDefaults(stockId: number, sourceCode: string): boolean {
  const builtIn = stockId === DEFAULT_STOCK_ID && sourceCode === DEFAULT_SOURCE_CODE;
  return !builtIn && (stockId === DEFAULT_STOCK_ID || sourceCode === DEFAULT_SOURCE_CODE);
}

/**
 * Upserts links, all or none. Only new links and changed priorities are stated. The source
 * code is checked for form only: sources belong to source-inventory, whose read model the
 * handler consults before deciding (this stream cannot guard another service's state).
 */
export function saveLinks(
  state: StockRegistryState,
  inputs: readonly LinkInput[],
  stamp: Stamp,
): StockEvent[] {
  const errors: MsiMessage[] = [];
  const saved = new Map<string, StockSourceLink>();
  for (const input of inputs) {
    const link = readLink(input, errors, true);
    if (!link) continue;
    if (touchesDefaults(link.stock_id, link.source_code)) {
      throw invalid(
        'DEFAULT_LINK_NOT_ALLOWED',
        'Can not save link related to Default Source or Default Stock',
      );
    }
    if (!state.stocks.has(link.stock_id)) throw stockNotFound(link.stock_id);
    saved.set(linkKey(link.stock_id, link.source_code), link);
  }
  throwIfInvalid(errors);
  const changed = [...saved].filter(
    ([key, link]) => state.links.get(key)?.priority !== link.priority,
  );
  if (changed.length === 0) return [];
  return [
    { type: 'stock_source_links_saved', data: { links: changed.map(([, l]) => l), ...stamp } },
  ];
}

/** Deletes links; ones that do not exist are ignored, as MSI's delete does. */
export function deleteLinks(
  state: StockRegistryState,
  inputs: readonly LinkInput[],
  stamp: Stamp,
): StockEvent[] {
  const errors: MsiMessage[] = [];
  const deleted = new Map<string, StockSourceLink>();
  for (const input of inputs) {
    const link = readLink(input, errors, false);
    if (!link) continue;
    if (link.stock_id === DEFAULT_STOCK_ID || link.source_code === DEFAULT_SOURCE_CODE) {
      throw invalid(
        'DEFAULT_LINK_NOT_DELETABLE',
        'Can not delete link related to Default Source or Default Stock',
      );
    }
    const existing = state.links.get(linkKey(link.stock_id, link.source_code));
    if (existing) deleted.set(linkKey(link.stock_id, link.source_code), existing);
  }
  throwIfInvalid(errors);
  if (deleted.size === 0) return [];
  return [{ type: 'stock_source_links_deleted', data: { links: [...deleted.values()], ...stamp } }];
}

function readLink(input: LinkInput, errors: MsiMessage[], withPriority: boolean) {
  const before = errors.length;
  if (!isPositiveInteger(input.stock_id)) {
    errors.push(msiMessage('"%field" must be a positive integer.', { field: 'stock_id' }));
  }
  const code = input.source_code;
  if (typeof code !== 'string' || code.trim() === '') {
    errors.push(msiMessage('"%field" can not be empty.', { field: 'source_code' }));
  } else if (/\s/.test(code)) {
    errors.push(msiMessage('"%field" can not contain whitespaces.', { field: 'source_code' }));
  }
  if (withPriority && !isPositiveInteger(input.priority)) {
    errors.push(msiMessage('"%field" must be a positive integer.', { field: 'priority' }));
  }
  if (errors.length > before) return undefined;
  return {
    stock_id: input.stock_id as number,
    source_code: code as string,
    priority: withPriority ? (input.priority as number) : 0,
  };
}
