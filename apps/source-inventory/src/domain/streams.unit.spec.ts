import { MAX_STREAM_NAME_LENGTH as STORE_LIMIT, parseStreamName } from '@inventory/event-store';
import {
  deductionStream,
  MAX_STREAM_NAME_LENGTH,
  parseSourceItemStream,
  restockStream,
  sourceItemStream,
  sourceStream,
  transferStream,
} from './streams';

describe('stream names', () => {
  it('name each stream type in its own category', () => {
    expect(sourceStream('default')).toBe('source-default');
    expect(sourceItemStream('eu-1', '24-MB01')).toBe('sourceitem-eu-1/24-MB01');
    expect(transferStream('t-1')).toBe('transfer-t-1');
    expect(deductionStream('000000042')).toBe('deduction-000000042');
    expect(restockStream('cm 7')).toBe('restock-cm%207');
  });

  it('encode any SKU into a name the event store accepts', () => {
    for (const sku of ['Joust Duffle Bag', 'ß/ü', '😀', 'a%2Fb', '100% wool', 'x'.repeat(64)]) {
      const name = sourceItemStream('eu/1', sku);
      expect(parseStreamName(name)).toEqual({
        category: 'sourceitem',
        id: name.slice('sourceitem-'.length),
      });
    }
  });

  it("encode '/' inside codes, so the separator is unambiguous", () => {
    expect(sourceItemStream('a/b', 'c')).toBe('sourceitem-a%2Fb/c');
    expect(sourceItemStream('a', 'b/c')).toBe('sourceitem-a/b%2Fc');
  });

  it('parse a source-item stream name back to its code and SKU', () => {
    for (const [code, sku] of [
      ['eu-1', '24-MB01'],
      ['a/b', 'c/d'],
      ['x', 'Joust Duffle Bag 😀'],
      ['p%q', '100%'],
    ]) {
      expect(parseSourceItemStream(sourceItemStream(code, sku))).toEqual({
        source_code: code,
        sku,
      });
    }
  });

  it('parse nothing else, and only the canonical encoding', () => {
    for (const name of [
      'source-eu',
      'sourceitem-eu',
      'sourceitem-a/b/c',
      'sourceitem-/b',
      'sourceitem-a/',
      'sourceitem-%41/b',
      'sourceitem-a/%E0%A4%A',
    ]) {
      expect(parseSourceItemStream(name)).toBeNull();
    }
  });

  it('refuse ids that can not name a stream', () => {
    expect(() => sourceStream('')).toThrow(expect.objectContaining({ code: 'INVALID_STREAM_ID' }));
    expect(() => sourceItemStream('eu', '\uD800')).toThrow(
      expect.objectContaining({ code: 'INVALID_STREAM_ID', kind: 'invalid' }),
    );
  });

  it("refuse names beyond the event store's length limit", () => {
    expect(MAX_STREAM_NAME_LENGTH).toBe(STORE_LIMIT);
    const code = 'c'.repeat(200 - 'sourceitem-'.length - 2);
    expect(sourceItemStream(code, 'x')).toHaveLength(200);
    expect(() => sourceItemStream(code, 'xy')).toThrow(
      expect.objectContaining({
        code: 'INVALID_STREAM_ID',
        details: expect.objectContaining({ parameters: expect.objectContaining({ max: 200 }) }),
      }),
    );
  });
});
