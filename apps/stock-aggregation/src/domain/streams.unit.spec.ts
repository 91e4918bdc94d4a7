import { inventoryConfigurationStream, stockItemStream, stockRegistryStream } from './streams';

describe('streams', () => {
  it('names the registry, global configuration and per-SKU streams', () => {
    expect(stockRegistryStream()).toBe('stockregistry-main');
    expect(inventoryConfigurationStream()).toBe('inventoryconfig-global');
    expect(stockItemStream('24-MB01 blue/x')).toBe('stockitem-24-MB01%20blue%2Fx');
  });

  it('refuses a SKU that cannot name a stream', () => {
    expect(() => stockItemStream('')).toThrow('SKU "" can not name a stream.');
    expect(() => stockItemStream('\uD800')).toThrow(
      expect.objectContaining({ code: 'INVALID_STREAM_ID' }),
    );
    expect(() => stockItemStream('x'.repeat(200))).toThrow(/longer than 200/);
  });
});
