import { listParam, skuRequests } from './salable.controller';

describe('salability query parameters', () => {
  it('reads skus[] in every form', () => {
    expect(listParam({ 'skus[]': ['a', 'b'] }, 'skus')).toEqual(['a', 'b']);
    expect(listParam({ 'skus[]': 'a' }, 'skus')).toEqual(['a']);
    expect(listParam({ 'skus[1]': 'b', 'skus[0]': 'a' }, 'skus')).toEqual(['a', 'b']);
    expect(listParam({ skus: ['a'] }, 'skus')).toEqual(['a']);
  });

  it('reads skuRequests[i][sku|qty]', () => {
    expect(
      skuRequests({
        'skuRequests[1][sku]': 'b',
        'skuRequests[1][qty]': '2',
        'skuRequests[0][sku]': 'a',
        'skuRequests[0][qty]': '1',
      }),
    ).toEqual([
      { sku: 'a', qty: '1' },
      { sku: 'b', qty: '2' },
    ]);
    expect(skuRequests({ skuRequests: [{ sku: 'a', qty: 3 }] })).toEqual([{ sku: 'a', qty: 3 }]);
  });
});
