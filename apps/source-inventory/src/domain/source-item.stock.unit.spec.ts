import { deciderSpec } from '@inventory/decider';
import type { ValidationFailedError } from './errors';
import type { SaveSourceItem } from './source-item.types';
import { command, event } from './source-item.fixture';
import { sourceItemDecider } from './source-item.decider';
import { formatQuantity } from './quantity';

const spec = deciderSpec(sourceItemDecider);

describe('source item: save', () => {
  it('creates an item with its quantity and status', () => {
    const state = spec
      .givenEvents()
      .when(command.save(10))
      .then([event.saved('10.0000', 1)]);
    expect(state).toMatchObject({ exists: true, quantity: 100_000, status: 1 });
  });

  it('updates an item, stating the previous quantity and status', () => {
    spec
      .givenEvents(event.saved('10.0000', 1))
      .when(command.save('2.5', 0, 'import'))
      .then([event.saved('2.5000', 0, ['10.0000', 1], 'import')]);
  });

  it('keeps status independent of quantity, as MSI does', () => {
    spec
      .givenEvents()
      .when(command.save(0, 1))
      .then([event.saved('0.0000', 1)]);
    spec
      .givenEvents()
      .when(command.save(5, 0))
      .then([event.saved('5.0000', 0)]);
  });

  it('accepts any decimal with up to 4 places, negative included', () => {
    spec
      .givenEvents()
      .when(command.save('-1.2345'))
      .then([event.saved('-1.2345', 1)]);
  });

  it('decides nothing when quantity and status are unchanged', () => {
    spec.givenEvents(event.saved('10.0000', 1)).when(command.save('10.0000', 1)).thenNothing();
    spec.givenEvents(event.saved('0.3000', 1)).when(command.save('0.3')).thenNothing();
  });

  it('re-creates an unassigned item, with no previous values', () => {
    spec
      .givenEvents(event.saved('10.0000'), event.unassigned())
      .when(command.save(0, 0))
      .then([event.saved('0.0000', 0)]);
  });

  it('refuses NaN, more than 4 places, unknown status and a bad SKU, all at once', () => {
    const error = spec
      .givenEvents()
      .when({ ...(command.save(NaN, 2 as 0) as SaveSourceItem), sku: ' SKU-1' })
      .thenThrows('VALIDATION_FAILED') as ValidationFailedError;
    expect(error.errors.map((e) => e.message)).toEqual([
      '"%field" can not contain whitespaces.',
      '"%field" should be numeric.',
      '"%field" should a known status.',
    ]);
    spec.givenEvents().when(command.save('1.23456')).thenThrows('VALIDATION_FAILED');
  });
});

describe('source item: adjust', () => {
  it('adds and removes stock, stating the delta and the quantity after', () => {
    spec
      .givenEvents(event.saved('10.0000'))
      .when(command.adjust('-2.5', 'damaged'))
      .then([event.adjusted('7.5000', '-2.5000', 'damaged')]);
    spec
      .givenEvents(event.saved('10.0000', 0))
      .when(command.adjust(5, 'received', 'PO-7'))
      .then([event.adjusted('15.0000', '5.0000', 'received', 0, 'PO-7')]);
  });

  it('adds exactly: 0.1 then 0.2 make 0.3', () => {
    const state = spec
      .givenEvents(event.saved('0.0000'), event.adjusted('0.1000', '0.1000', 'received'))
      .when(command.adjust(0.2, 'received'))
      .then([event.adjusted('0.3000', '0.2000', 'received')]);
    expect(formatQuantity(state.quantity)).toBe('0.3000');
  });

  it('creates a missing item when stock is received, in stock', () => {
    spec
      .givenEvents()
      .when(command.adjust(4, 'received'))
      .then([event.adjusted('4.0000', '4.0000', 'received')]);
  });

  it('refuses other reasons on a missing item', () => {
    const error = spec
      .givenEvents()
      .when(command.adjust(4, 'returned'))
      .thenThrows('SOURCE_ITEM_NOT_FOUND');
    expect(error).toMatchObject({
      kind: 'not_found',
      message: 'The source item of SKU "SKU-1" at source "eu-1" does not exist.',
      details: { parameters: { sku: 'SKU-1', source_code: 'eu-1' } },
    });
    spec
      .givenEvents(event.saved('1.0000'), event.unassigned())
      .when(command.adjust(-1, 'other'))
      .thenThrows('SOURCE_ITEM_NOT_FOUND');
  });

  it('never takes the quantity below zero', () => {
    const error = spec
      .givenEvents(event.saved('2.0000'))
      .when(command.adjust('-2.0001', 'shrinkage'))
      .thenThrows('QUANTITY_BELOW_ZERO');
    expect(error).toMatchObject({
      kind: 'rejected',
      message: 'The adjustment would take the quantity below zero.',
    });
    spec.givenEvents().when(command.adjust(-1, 'received')).thenThrows('QUANTITY_BELOW_ZERO');
  });

  it('lets any reason, cycle counts and corrections included, bring it to exactly zero', () => {
    spec
      .givenEvents(event.saved('2.0000'))
      .when(command.adjust(-2, 'cycle_count'))
      .then([event.adjusted('0.0000', '-2.0000', 'cycle_count')]);
    spec
      .givenEvents(event.saved('2.0000'))
      .when(command.adjust(-2, 'correction'))
      .then([event.adjusted('0.0000', '-2.0000', 'correction')]);
    spec
      .givenEvents(event.saved('2.0000'))
      .when(command.adjust(-2, 'damaged'))
      .then([event.adjusted('0.0000', '-2.0000', 'damaged')]);
  });

  it('lets stock be added to an item a save left negative', () => {
    spec
      .givenEvents(event.saved('-5.0000'))
      .when(command.adjust(2, 'received'))
      .then([event.adjusted('-3.0000', '2.0000', 'received')]);
  });

  it('refuses a zero delta and an unknown reason', () => {
    const error = spec
      .givenEvents(event.saved('1.0000'))
      .when(command.adjust('0.0000', 'lost' as 'other'))
      .thenThrows('VALIDATION_FAILED') as ValidationFailedError;
    expect(error.errors.map((e) => e.message)).toEqual([
      '"%field" can not be 0.',
      '"%field" should be one of: %values.',
    ]);
  });
});

describe('source item: unassign', () => {
  it('zeroes the item and takes it out of stock; it no longer exists', () => {
    const state = spec
      .givenEvents(event.saved('3.0000'), event.threshold('3.0000', '2.0000'))
      .when(command.unassign())
      .then([event.unassigned()]);
    expect(state).toMatchObject({ exists: false, quantity: 0, status: 0, notifyStockQty: null });
  });

  it('decides nothing for a missing item', () => {
    spec.givenEvents().when(command.unassign()).thenNothing();
    spec
      .givenEvents(event.saved('3.0000'), event.unassigned())
      .when(command.unassign())
      .thenNothing();
  });
});

describe('source item: low-stock threshold', () => {
  it('sets and clears the threshold, stating the current quantity and status', () => {
    const state = spec
      .givenEvents(event.saved('3.0000', 0))
      .when(command.threshold('2.5'))
      .then([event.threshold('3.0000', '2.5000', 0)]);
    expect(state.notifyStockQty).toBe('2.5000');
    spec
      .givenEvents(event.saved('3.0000'), event.threshold('3.0000', '2.5000'))
      .when(command.threshold(null))
      .then([event.threshold('3.0000', null)]);
  });

  it('decides nothing when the threshold is unchanged', () => {
    spec
      .givenEvents(event.saved('3.0000'), event.threshold('3.0000', '2.5000'))
      .when(command.threshold(2.5))
      .thenNothing();
    spec.givenEvents(event.saved('3.0000')).when(command.threshold(null)).thenNothing();
  });

  it('needs an existing item', () => {
    spec.givenEvents().when(command.threshold(1)).thenThrows('SOURCE_ITEM_NOT_FOUND');
  });

  it('refuses a threshold that is not a decimal', () => {
    spec
      .givenEvents(event.saved('3.0000'))
      .when(command.threshold('1e2'))
      .thenThrows('VALIDATION_FAILED');
  });
});
