import { assertCategory, categoryOf, parseStreamName, streamName } from './stream-name';

describe('stream names', () => {
  it('splits at the first dash, so ids may contain dashes', () => {
    expect(parseStreamName('sourceItem-WH1-SKU-9')).toEqual({
      category: 'sourceItem',
      id: 'WH1-SKU-9',
    });
    expect(categoryOf('reservation_ledger-3f2a')).toBe('reservation_ledger');
  });

  it.each([
    ['no dash', 'orders'],
    ['empty category', '-1'],
    ['empty id', 'order-'],
    ['system prefix', '$ce-order'],
    ['category starting with a digit', '1order-1'],
    ['whitespace in the id', 'order-a b'],
    ['too long', `order-${'x'.repeat(200)}`],
  ])('rejects %s with INVALID_STREAM_NAME', (_, name) => {
    expect(() => parseStreamName(name)).toThrow(
      expect.objectContaining({ code: 'INVALID_STREAM_NAME' }),
    );
  });

  it('builds names from a category and an id, refusing a dash in the category', () => {
    expect(streamName('stock', 'default')).toBe('stock-default');
    expect(() => streamName('stock-level', '1')).toThrow(
      expect.objectContaining({ code: 'INVALID_STREAM_NAME' }),
    );
  });

  it('validates bare categories for readAll filters', () => {
    expect(() => assertCategory('stock')).not.toThrow();
    expect(() => assertCategory('stock-1')).toThrow(
      expect.objectContaining({ code: 'INVALID_STREAM_NAME' }),
    );
  });
});
