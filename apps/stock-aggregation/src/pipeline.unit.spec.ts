import type { RecordedEvent } from '@inventory/event-store';
import { stockEventKey } from './pipeline';

const event = (type: string, data: unknown) =>
  ({ type, data, streamName: 'stockregistry-main' }) as RecordedEvent;
const stamp = { actor: { type: 'system', id: 't' }, occurred_at: '2024-01-01T00:00:00.000Z' };

describe('stockEventKey', () => {
  it('keys stock events by their stock id', () => {
    const stock = { stock_id: 7, name: 'S', extension_attributes: { sales_channels: [] } };
    expect(stockEventKey(event('stock_created', { stock, ...stamp }))).toBe('7');
    expect(stockEventKey(event('stock_deleted', { stock_id: 9, ...stamp }))).toBe('9');
  });

  it('keys a link event by the lowest stock id it names', () => {
    const links = [
      { stock_id: 5, source_code: 'a', priority: 1 },
      { stock_id: 3, source_code: 'b', priority: 1 },
    ];
    expect(stockEventKey(event('stock_source_links_saved', { links, ...stamp }))).toBe('3');
  });

  it('falls back to the stream name for a type it does not know', () => {
    expect(stockEventKey(event('something_else', {}))).toBe('stockregistry-main');
  });
});
