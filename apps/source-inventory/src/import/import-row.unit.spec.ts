import { eventIdFor } from '@inventory/decider';
import { readHeader, readRow, type ImportColumns, type RowResult } from './import-row';

const context = {
  importId: 'batch-7',
  actor: { type: 'user' as const, id: 'ops' },
  occurredAt: '2025-01-02T03:04:05.000Z',
};
const columns: ImportColumns = readHeader(['source_code', 'sku', 'status', 'quantity'], 1);

function reason(result: RowResult): string {
  if (result.ok) throw new Error('expected a rejection');
  return result.rejected.reason;
}

describe('import header', () => {
  it('finds the columns in any order, case-insensitively, ignoring unknown ones', () => {
    expect(readHeader([' Quantity', 'SKU', 'extra', 'Source_Code'], 1)).toEqual({
      source_code: 3,
      sku: 1,
      quantity: 0,
      status: undefined,
      width: 4,
    });
  });

  it('refuses a first line that is not a header, naming what is missing', () => {
    expect(() => readHeader(['default', 'SKU-1', '1', '5'], 1)).toThrow(
      expect.objectContaining({
        code: 'IMPORT_FORMAT',
        line: 1,
        message: expect.stringContaining('missing: source_code, sku, quantity'),
      }),
    );
  });

  it('refuses a column named twice', () => {
    expect(() => readHeader(['sku', 'source_code', 'quantity', 'SKU'], 1)).toThrow('twice');
  });
});

describe('import row', () => {
  it('becomes the source_item_saved event of the save decision, with an id from the line', () => {
    const result = readRow(['default', 'SKU-1', '0', '12.5'], 9, columns, context);

    expect(result).toEqual({
      ok: true,
      row: {
        line: 9,
        streamName: 'sourceitem-default/SKU-1',
        event: {
          eventId: eventIdFor('import:batch-7:9', 0),
          type: 'source_item_saved',
          data: {
            source_code: 'default',
            sku: 'SKU-1',
            quantity: '12.5000',
            status: 0,
            actor: context.actor,
            occurred_at: context.occurredAt,
            reason: 'import',
            previous_quantity: null,
            previous_status: null,
          },
          metadata: { causationId: 'import:batch-7:9' },
        },
      },
    });
  });

  it('is in stock when the status column is absent or the cell blank', () => {
    const noStatus = readHeader(['sku', 'quantity', 'source_code'], 1);
    const rows = [
      readRow(['SKU-1', '3', 'default'], 2, noStatus, context),
      readRow(['default', 'SKU-1', '', '3'], 2, columns, context),
    ];

    for (const row of rows)
      expect(row).toMatchObject({ ok: true, row: { event: { data: { status: 1 } } } });
  });

  it.each([
    [['default', ' SKU-1', '1', '5'], '"sku" can not contain whitespaces.'],
    [['', 'SKU-1', '1', '5'], '"source_code" can not be empty.'],
    [['my source', 'SKU-1', '1', '5'], '"source_code" can not contain whitespaces.'],
    [['default', 'SKU-1', '1', 'five'], '"quantity" should be numeric.'],
    [['default', 'SKU-1', '1', ''], '"quantity" should be numeric.'],
    [['default', 'SKU-1', '1', '1.23456'], '"quantity" can have at most 4 decimal places.'],
    [['default', 'SKU-1', '1', '1e3'], '"quantity" must be written without an exponent.'],
    [['default', 'SKU-1', '2', '5'], '"status" should a known status.'],
    [['default', 'x'.repeat(65), '1', '5'], '"sku" can not be longer than 64 characters.'],
    [['default', 'SKU-1', '5'], 'expected 4 fields as in the header, found 3'],
    [['default', 'SKU-1', '1', '5', 'x'], 'expected 4 fields as in the header, found 5'],
  ])('rejects %j: %s', (fields, expected) => {
    expect(reason(readRow(fields, 4, columns, context))).toBe(expected);
  });

  it('reports every problem of a row at once, with its line, code and SKU', () => {
    expect(readRow(['', ' a', '9', 'x'], 12, columns, context)).toEqual({
      ok: false,
      rejected: {
        line: 12,
        source_code: '',
        sku: ' a',
        reason:
          '"source_code" can not be empty. "sku" can not contain whitespaces. ' +
          '"quantity" should be numeric. "status" should a known status.',
      },
    });
  });

  it('rejects an item whose stream name would be too long for the store', () => {
    const code = 'ü'.repeat(60); // valid, but 360 characters once percent-encoded

    expect(reason(readRow([code, 'SKU-1', '1', '5'], 3, columns, context))).toContain(
      'longer than 200 characters',
    );
  });
});
