import { processIdErrors, skuErrors, sourceCodeErrors } from './sku';

const messages = (errors: Array<{ message: string; parameters: object }>) =>
  errors.map((e) => [e.message, e.parameters]);

describe('SKU rules', () => {
  it('accept any non-empty SKU up to 64 characters, with inner spaces and any script', () => {
    expect(skuErrors('24-MB01')).toEqual([]);
    expect(skuErrors('Joust Duffle Bag / blue')).toEqual([]);
    expect(skuErrors('ß'.repeat(64))).toEqual([]);
    expect(skuErrors('😀'.repeat(64))).toEqual([]); // 128 UTF-16 units, 64 characters
  });

  it('refuse empty, blank, padded and too long SKUs with MSI messages', () => {
    expect(messages(skuErrors(''))).toEqual([['"%field" can not be empty.', { field: 'sku' }]]);
    expect(messages(skuErrors(undefined))).toEqual([
      ['"%field" can not be empty.', { field: 'sku' }],
    ]);
    expect(messages(skuErrors('  '))).toEqual([
      ['"%field" can not be empty.', { field: 'sku' }],
      ['"%field" can not contain whitespaces.', { field: 'sku' }],
    ]);
    expect(messages(skuErrors(' a'))).toEqual([
      ['"%field" can not contain whitespaces.', { field: 'sku' }],
    ]);
    expect(messages(skuErrors('a\n'))).toEqual([
      ['"%field" can not contain whitespaces.', { field: 'sku' }],
    ]);
    expect(messages(skuErrors('x'.repeat(65)))).toEqual([
      ['"%field" can not be longer than %max characters.', { field: 'sku', max: 64 }],
    ]);
  });

  it('refuse text that is not valid Unicode (it has no stream name)', () => {
    expect(messages(skuErrors('a\uD800'))).toEqual([
      ['"%field" must be valid Unicode text.', { field: 'sku' }],
    ]);
  });
});

describe('source code rules', () => {
  it('accept codes without whitespace up to 255 characters', () => {
    expect(sourceCodeErrors('eu-1')).toEqual([]);
    expect(sourceCodeErrors('a/b?c')).toEqual([]);
    expect(sourceCodeErrors('c'.repeat(255))).toEqual([]);
  });

  it('refuse empty codes, whitespace anywhere and more than 255 characters', () => {
    expect(messages(sourceCodeErrors(''))).toEqual([
      ['"%field" can not be empty.', { field: 'source_code' }],
    ]);
    expect(messages(sourceCodeErrors('eu 1'))).toEqual([
      ['"%field" can not contain whitespaces.', { field: 'source_code' }],
    ]);
    expect(messages(sourceCodeErrors('c'.repeat(256), 'origin_source_code'))).toEqual([
      [
        '"%field" can not be longer than %max characters.',
        { field: 'origin_source_code', max: 255 },
      ],
    ]);
  });
});

describe('process id rules', () => {
  it('refuse empty ids, whitespace and more than 128 characters', () => {
    expect(processIdErrors('000000042', 'shipment_id')).toEqual([]);
    expect(processIdErrors('', 'shipment_id')).toHaveLength(1);
    expect(processIdErrors('a b', 'shipment_id')).toHaveLength(1);
    expect(processIdErrors('i'.repeat(129), 'shipment_id')).toHaveLength(1);
  });
});
