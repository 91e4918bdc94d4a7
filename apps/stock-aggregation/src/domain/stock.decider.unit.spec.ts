import type { Actor } from '@inventory/contracts';
import { deciderSpec } from '@inventory/decider';
import { stockRegistryDecider, type StockCommand, type StockEvent } from './stock.decider';
import type { StockData } from './stock.types';

const spec = deciderSpec(stockRegistryDecider);
const actor: Actor = { type: 'user', id: 'admin' };
const occurred_at = '2024-05-01T10:00:00.000Z';
const stamp = { actor, occurred_at };

const stock = (stock_id: number, name: string, ...codes: string[]): StockData => ({
  stock_id,
  name,
  extension_attributes: { sales_channels: codes.map((code) => ({ type: 'website', code })) },
});
const created = (s: StockData): StockEvent => ({
  type: 'stock_created',
  data: { stock: s, ...stamp },
});
const updated = (s: StockData, changed: string[]): StockEvent => ({
  type: 'stock_updated',
  data: { stock: s, changed, ...stamp },
});
const link = (stock_id: number, source_code: string, priority: number) => ({
  stock_id,
  source_code,
  priority,
});
const linksSaved = (...links: ReturnType<typeof link>[]): StockEvent => ({
  type: 'stock_source_links_saved',
  data: { links, ...stamp },
});
const input = (name: string, codes?: string[], stock_id?: number) => ({
  stock_id,
  name,
  extension_attributes: codes && {
    sales_channels: codes.map((code) => ({ type: 'website', code })),
  },
});
const cmd = (command: Record<string, unknown>) => ({ ...command, ...stamp }) as StockCommand;

const defaults = [created(stock(1, 'Default Stock', 'base')), linksSaved(link(1, 'default', 1))];

describe('stock registry decider', () => {
  describe('ensure_defaults', () => {
    it("creates MSI's default stock, channel and link once", () => {
      spec
        .givenEvents()
        .when(cmd({ type: 'ensure_defaults' }))
        .then(defaults);
      spec
        .givenEvents(...defaults)
        .when(cmd({ type: 'ensure_defaults' }))
        .thenNothing();
    });
  });

  describe('create_stock', () => {
    it('assigns the next id and moves a listed channel from its stock', () => {
      spec
        .givenEvents(...defaults)
        .when(cmd({ type: 'create_stock', stock: input('EU', ['base', 'eu']) }))
        .then([
          created(stock(2, 'EU', 'base', 'eu')),
          updated(stock(1, 'Default Stock'), ['sales_channels']),
        ]);
    });

    it('takes a caller-assigned id, never reusing one', () => {
      spec
        .givenEvents(...defaults)
        .when(cmd({ type: 'create_stock', stock: input('X', [], 7) }))
        .then([created(stock(7, 'X'))]);
      spec
        .givenEvents(...defaults, created(stock(7, 'X')), {
          type: 'stock_deleted',
          data: { stock_id: 7, ...stamp },
        })
        .when(cmd({ type: 'create_stock', stock: input('Y') }))
        .then([created(stock(8, 'Y'))]);
    });

    it('refuses an existing id, an empty name and bad channels', () => {
      spec
        .givenEvents(...defaults)
        .when(cmd({ type: 'create_stock', stock: input('X', [], 1) }))
        .thenThrows('STOCK_ALREADY_EXISTS');
      const error = spec
        .givenEvents(...defaults)
        .when(cmd({ type: 'create_stock', stock: input(' ', ['a b', '', 'ok', 'ok']) }))
        .thenThrows('VALIDATION_FAILED');
      expect(error.message).toBe(
        '"name" can not be empty. "code" may contain only letters, digits, "_" and "-". ' +
          '"code" can not be empty. Sales channel "ok" is listed more than once.',
      );
    });
  });

  describe('update_stock', () => {
    const eu = [...defaults, created(stock(2, 'EU', 'eu', 'fr'))];

    it('drops channels to the default stock and keeps channels left out', () => {
      spec
        .givenEvents(...eu)
        .when(cmd({ type: 'update_stock', stock_id: 2, stock: input('EU', ['eu']) }))
        .then([
          updated(stock(2, 'EU', 'eu'), ['sales_channels']),
          updated(stock(1, 'Default Stock', 'base', 'fr'), ['sales_channels']),
        ]);
      spec
        .givenEvents(...eu)
        .when(cmd({ type: 'update_stock', stock_id: 2, stock: input('Europe') }))
        .then([updated(stock(2, 'Europe', 'eu', 'fr'), ['name'])]);
    });

    it('refuses to drop a channel from the default stock, and unknown stocks', () => {
      spec
        .givenEvents(...eu)
        .when(cmd({ type: 'update_stock', stock_id: 1, stock: input('Default Stock', []) }))
        .thenThrows('DEFAULT_STOCK_CHANNEL_REQUIRED');
      spec
        .givenEvents(...eu)
        .when(cmd({ type: 'update_stock', stock_id: 9, stock: input('X') }))
        .thenThrows('STOCK_NOT_FOUND');
    });
  });

  describe('delete_stock', () => {
    it('refuses the default stock and a stock with channels', () => {
      const error = spec
        .givenEvents(...defaults)
        .when(cmd({ type: 'delete_stock', stock_id: 1 }))
        .thenThrows('DEFAULT_STOCK_NOT_DELETABLE');
      expect(error).toMatchObject({
        kind: 'invalid',
        message: 'Default Stock could not be deleted.',
      });
      spec
        .givenEvents(...defaults, created(stock(2, 'EU', 'eu')))
        .when(cmd({ type: 'delete_stock', stock_id: 2 }))
        .thenThrows('STOCK_HAS_SALES_CHANNELS');
    });

    it('deletes a stock without channels together with its links', () => {
      spec
        .givenEvents(...defaults, created(stock(2, 'EU')), linksSaved(link(2, 'eu', 1)))
        .when(cmd({ type: 'delete_stock', stock_id: 2 }))
        .then([
          { type: 'stock_source_links_deleted', data: { links: [link(2, 'eu', 1)], ...stamp } },
          { type: 'stock_deleted', data: { stock_id: 2, ...stamp } },
        ]);
    });
  });

  describe('stock-source links', () => {
    const eu = [...defaults, created(stock(2, 'EU'))];

    it('upserts, stating only new links and changed priorities', () => {
      spec
        .givenEvents(...eu, linksSaved(link(2, 'eu', 1)))
        .when(cmd({ type: 'save_stock_source_links', links: [link(2, 'eu', 1), link(2, 'us', 2)] }))
        .then([linksSaved(link(2, 'us', 2))]);
      spec
        .givenEvents(...eu, linksSaved(link(2, 'eu', 1)))
        .when(cmd({ type: 'save_stock_source_links', links: [link(2, 'eu', 3)] }))
        .then([linksSaved(link(2, 'eu', 3))]);
    });

    it('refuses links touching the default stock or source', () => {
      for (const bad of [link(1, 'eu', 1), link(2, 'default', 1)]) {
        const error = spec
          .givenEvents(...eu)
          .when(cmd({ type: 'save_stock_source_links', links: [bad] }))
          .thenThrows('DEFAULT_LINK_NOT_ALLOWED');
        expect(error.message).toBe('Can not save link related to Default Source or Default Stock');
      }
      spec
        .givenEvents(...eu)
        .when(cmd({ type: 'delete_stock_source_links', links: [link(1, 'default', 1)] }))
        .thenThrows('DEFAULT_LINK_NOT_DELETABLE');
    });

    it('refuses a zero priority and an unknown stock', () => {
      spec
        .givenEvents(...eu)
        .when(cmd({ type: 'save_stock_source_links', links: [link(2, 'eu', 0)] }))
        .thenThrows('VALIDATION_FAILED');
      spec
        .givenEvents(...eu)
        .when(cmd({ type: 'save_stock_source_links', links: [link(5, 'eu', 1)] }))
        .thenThrows('STOCK_NOT_FOUND');
    });

    it('deletes existing links and ignores missing ones', () => {
      spec
        .givenEvents(...eu, linksSaved(link(2, 'eu', 1)))
        .when(
          cmd({
            type: 'delete_stock_source_links',
            links: [
              { stock_id: 2, source_code: 'eu' },
              { stock_id: 2, source_code: 'x' },
            ],
          }),
        )
        .then([
          { type: 'stock_source_links_deleted', data: { links: [link(2, 'eu', 1)], ...stamp } },
        ]);
      spec
        .givenEvents(...eu)
        .when(
          cmd({ type: 'delete_stock_source_links', links: [{ stock_id: 2, source_code: 'x' }] }),
        )
        .thenNothing();
    });
  });
});
