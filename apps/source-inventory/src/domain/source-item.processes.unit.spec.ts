import { deciderSpec } from '@inventory/decider';
import { NOT_ENOUGH_QUANTITY_MESSAGE } from '@inventory/contracts';
import { command, event } from './source-item.fixture';
import { sourceItemDecider } from './source-item.decider';

const spec = deciderSpec(sourceItemDecider);

describe('source item: deduct for shipment', () => {
  it('deducts the shipped quantity, keeping the status', () => {
    spec
      .givenEvents(event.saved('10.0000', 1))
      .when(command.deduct('S1', 3))
      .then([event.deducted('7.0000', '3.0000', 'S1')]);
    spec
      .givenEvents(event.saved('10.0000', 0))
      .when(command.deduct('S1', '10'))
      .then([event.deducted('0.0000', '10.0000', 'S1', 0)]);
  });

  it('is idempotent per shipment id, even after other changes', () => {
    spec
      .givenEvents(event.saved('10.0000'), event.deducted('7.0000', '3.0000', 'S1'))
      .when(command.deduct('S1', 3))
      .thenNothing();
    spec
      .givenEvents(
        event.saved('10.0000'),
        event.deducted('7.0000', '3.0000', 'S1'),
        event.saved('1.0000', 1, ['7.0000', 1]),
      )
      .when(command.deduct('S1', 3))
      .thenNothing();
    spec
      .givenEvents(
        event.saved('1.0000'),
        event.deducted('0.0000', '1.0000', 'S1'),
        event.unassigned(),
      )
      .when(command.deduct('S1', 1))
      .thenNothing();
  });

  it('refuses more than the item holds with MSI message, requested and available', () => {
    const error = spec
      .givenEvents(event.saved('2.0000'))
      .when(command.deduct('S1', '2.0001'))
      .thenThrows('NOT_ENOUGH_QUANTITY');
    expect(error).toMatchObject({
      kind: 'rejected',
      message: NOT_ENOUGH_QUANTITY_MESSAGE,
      details: {
        template: NOT_ENOUGH_QUANTITY_MESSAGE,
        parameters: {},
        sku: 'SKU-1',
        source_code: 'eu-1',
        requested: '2.0001',
        available: '2.0000',
      },
    });
  });

  it('refuses a missing item the same way', () => {
    const error = spec
      .givenEvents()
      .when(command.deduct('S1', 1))
      .thenThrows('NOT_ENOUGH_QUANTITY');
    expect(error.details).toMatchObject({ requested: '1.0000', available: '0.0000' });
  });

  it('never takes a negative item further below zero', () => {
    spec
      .givenEvents(event.saved('-1.0000'))
      .when(command.deduct('S1', 1))
      .thenThrows('NOT_ENOUGH_QUANTITY');
  });

  it('refuses a non-positive quantity and a blank shipment id', () => {
    spec
      .givenEvents(event.saved('2.0000'))
      .when(command.deduct('S1', 0))
      .thenThrows('VALIDATION_FAILED');
    spec
      .givenEvents(event.saved('2.0000'))
      .when(command.deduct(' ', 1))
      .thenThrows('VALIDATION_FAILED');
  });
});

describe('source item: revert deduction', () => {
  const deducted = [event.saved('10.0000'), event.deducted('7.0000', '3.0000', 'S1')];

  it('gives back exactly what the shipment deducted', () => {
    spec
      .givenEvents(...deducted, event.adjusted('8.0000', '1.0000', 'received'))
      .when(command.revert('S1'))
      .then([event.reverted('11.0000', '3.0000', 'S1')]);
  });

  it('is idempotent per shipment id', () => {
    spec
      .givenEvents(...deducted, event.reverted('10.0000', '3.0000', 'S1'))
      .when(command.revert('S1'))
      .thenNothing();
  });

  it('decides nothing when the shipment deducted nothing here', () => {
    spec.givenEvents(event.saved('10.0000')).when(command.revert('S1')).thenNothing();
    spec
      .givenEvents(...deducted)
      .when(command.revert('S2'))
      .thenNothing();
  });

  it('does not let a reverted shipment deduct again', () => {
    spec
      .givenEvents(...deducted, event.reverted('10.0000', '3.0000', 'S1'))
      .when(command.deduct('S1', 3))
      .thenNothing();
  });

  it('re-creates an item unassigned in between, in stock', () => {
    spec
      .givenEvents(...deducted, event.unassigned())
      .when(command.revert('S1'))
      .then([event.reverted('3.0000', '3.0000', 'S1', 1)]);
  });
});

describe('source item: restock for refund', () => {
  it('adds the refunded quantity, keeping the status', () => {
    spec
      .givenEvents(event.saved('1.0000', 0))
      .when(command.restock('CM1', '0.5'))
      .then([event.restocked('1.5000', '0.5000', 'CM1', 0)]);
  });

  it('creates an unknown item, in stock', () => {
    spec
      .givenEvents()
      .when(command.restock('CM1', 2))
      .then([event.restocked('2.0000', '2.0000', 'CM1', 1)]);
  });

  it('is idempotent per credit memo id', () => {
    spec
      .givenEvents(event.restocked('2.0000', '2.0000', 'CM1'))
      .when(command.restock('CM1', 2))
      .thenNothing();
    spec
      .givenEvents(event.restocked('2.0000', '2.0000', 'CM1'))
      .when(command.restock('CM2', 2))
      .then([event.restocked('4.0000', '2.0000', 'CM2')]);
  });

  it('refuses a non-positive quantity', () => {
    spec.givenEvents().when(command.restock('CM1', -1)).thenThrows('VALIDATION_FAILED');
  });
});

describe('source item: transfer out', () => {
  it('moves a given quantity out', () => {
    spec
      .givenEvents(event.saved('5.0000'))
      .when(command.out('T1', 2))
      .then([event.out('3.0000', '2.0000', 'T1')]);
  });

  it("moves everything with 'all'", () => {
    spec
      .givenEvents(event.saved('5.1234', 0))
      .when(command.out('T1', 'all'))
      .then([event.out('0.0000', '5.1234', 'T1', 0)]);
  });

  it("decides nothing for 'all' when the item holds nothing or is missing", () => {
    spec.givenEvents(event.saved('0.0000')).when(command.out('T1', 'all')).thenNothing();
    spec.givenEvents(event.saved('-2.0000')).when(command.out('T1', 'all')).thenNothing();
    spec.givenEvents().when(command.out('T1', 'all')).thenNothing();
  });

  it('refuses more than the item holds, with the MSI message', () => {
    const error = spec
      .givenEvents(event.saved('1.0000'))
      .when(command.out('T1', 2))
      .thenThrows('NOT_ENOUGH_QUANTITY');
    expect(error.message).toBe(NOT_ENOUGH_QUANTITY_MESSAGE);
    spec.givenEvents().when(command.out('T1', 1)).thenThrows('NOT_ENOUGH_QUANTITY');
  });

  it('is idempotent per transfer id', () => {
    spec
      .givenEvents(event.saved('5.0000'), event.out('3.0000', '2.0000', 'T1'))
      .when(command.out('T1', 2))
      .thenNothing();
  });

  it('refuses a transfer to the same source', () => {
    const error = spec
      .givenEvents(event.saved('5.0000'))
      .when(command.out('T1', 1, 'eu-1'))
      .thenThrows('VALIDATION_FAILED');
    expect(error.message).toBe('Cannot transfer a source on itself');
  });
});

describe('source item: transfer in', () => {
  it('adds to an existing item, keeping the status', () => {
    spec
      .givenEvents(event.saved('1.0000', 0))
      .when(command.in('T1', 2))
      .then([event.in('3.0000', '2.0000', 'T1', 0)]);
  });

  it('creates a missing item, in stock', () => {
    spec
      .givenEvents()
      .when(command.in('T1', '0.0001'))
      .then([event.in('0.0001', '0.0001', 'T1', 1)]);
  });

  it('is idempotent per transfer id', () => {
    spec
      .givenEvents(event.in('2.0000', '2.0000', 'T1'))
      .when(command.in('T1', 2))
      .thenNothing();
  });

  it("refuses 'all' and non-positive quantities", () => {
    spec.givenEvents().when(command.in('T1', 0)).thenThrows('VALIDATION_FAILED');
    spec
      .givenEvents()
      .when(command.in('T1', 'all' as never))
      .thenThrows('VALIDATION_FAILED');
  });
});

describe('source item: conservation', () => {
  it('ends with receipts - deductions + restocks +/- adjustments and transfers', () => {
    const history = [
      event.adjusted('10.0000', '10.0000', 'received'),
      event.deducted('7.0000', '3.0000', 'S1'),
      event.restocked('8.0000', '1.0000', 'CM1'),
      event.adjusted('7.5000', '-0.5000', 'damaged'),
      event.out('5.5000', '2.0000', 'T1'),
      event.in('6.0000', '0.5000', 'T2'),
    ];
    const state = spec
      .givenEvents(...history)
      .when(command.deduct('S2', 6))
      .then([event.deducted('0.0000', '6.0000', 'S2')]);
    expect(state.quantity).toBe(0);
    expect(state.processed.keys()).toEqual([
      'deduct:S1',
      'restock:CM1',
      'out:T1',
      'in:T2',
      'deduct:S2',
    ]);
  });
});

describe('source item: stored events', () => {
  it('fold to the same state after the JSON round trip of the event store', () => {
    const history = [
      event.adjusted('10.0000', '10.0000', 'received', 1, 'PO-1'),
      event.deducted('7.0000', '3.0000', 'S1'),
      event.threshold('7.0000', '2.0000'),
    ];
    const stored = JSON.parse(JSON.stringify(history)) as typeof history;
    const live = spec
      .givenEvents(...history)
      .when(command.revert('S1'))
      .then([event.reverted('10.0000', '3.0000', 'S1')]);
    const replayed = spec
      .givenEvents(...stored)
      .when(command.revert('S1'))
      .then([event.reverted('10.0000', '3.0000', 'S1')]);
    expect(replayed).toEqual(live);
  });

  it('carry no undefined fields, which the store would drop', () => {
    const [decided] = sourceItemDecider.decide(
      command.adjust(1, 'received'),
      sourceItemDecider.initialState,
    );
    expect(Object.values(decided.data)).not.toContain(undefined);
    expect(decided.data).not.toHaveProperty('reference');
  });
});
