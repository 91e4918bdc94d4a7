import { AssertionError } from 'assert';
import { deciderSpec } from './decider-spec';
import { stockLedger } from './stock-ledger.fixture';

const spec = deciderSpec(stockLedger);

describe('deciderSpec', () => {
  it('passes when the decided events match, and returns the state after them', () => {
    const state = spec
      .givenEvents({ type: 'StockReceived', qty: 5 })
      .when({ type: 'ReserveStock', orderId: 'o1', qty: 3 })
      .then([{ type: 'StockReserved', orderId: 'o1', qty: 3 }]);

    expect(state).toEqual({ available: 2, orders: ['o1'] });
  });

  it('fails with an AssertionError when the events differ', () => {
    expect(() =>
      spec
        .givenEvents({ type: 'StockReceived', qty: 5 })
        .when({ type: 'ReserveStock', orderId: 'o1', qty: 3 })
        .then([{ type: 'StockReserved', orderId: 'o1', qty: 4 }]),
    ).toThrow(AssertionError);
  });

  it('fails when events were expected but decide threw', () => {
    expect(() =>
      spec.givenEvents().when({ type: 'ReserveStock', orderId: 'o1', qty: 1 }).then([]),
    ).toThrow(/expected events, but decide threw RuleViolationError INSUFFICIENT_STOCK/);
  });

  it('passes thenThrows on the domain error code and returns the error', () => {
    const error = spec
      .givenEvents()
      .when({ type: 'ReserveStock', orderId: 'o1', qty: 1 })
      .thenThrows('INSUFFICIENT_STOCK');

    expect(error).toMatchObject({ kind: 'rejected', details: { requested: 1, available: 0 } });
  });

  it('fails thenThrows on another code, on no error, and on a non-domain error', () => {
    const when = spec.givenEvents().when({ type: 'ReserveStock', orderId: 'o1', qty: 1 });
    expect(() => when.thenThrows('INVALID_QUANTITY')).toThrow(
      /expected INVALID_QUANTITY, but decide threw/,
    );

    const succeeding = spec.givenEvents().when({ type: 'ReceiveStock', qty: 1 });
    expect(() => succeeding.thenThrows('INSUFFICIENT_STOCK')).toThrow(/but decide returned \[/);

    const broken = deciderSpec({
      ...stockLedger,
      decide: () => {
        throw new Error('bug');
      },
    });
    expect(() =>
      broken.givenEvents().when({ type: 'ReceiveStock', qty: 1 }).thenThrows('X'),
    ).toThrow(/threw Error: bug/);
  });

  it('asserts that nothing happens with thenNothing', () => {
    spec
      .givenEvents(
        { type: 'StockReceived', qty: 5 },
        { type: 'StockReserved', orderId: 'o1', qty: 1 },
      )
      .when({ type: 'ReserveStock', orderId: 'o1', qty: 1 })
      .thenNothing();
    expect(() => spec.givenEvents().when({ type: 'ReceiveStock', qty: 1 }).thenNothing()).toThrow(
      AssertionError,
    );
  });

  it('refuses to be awaited', () => {
    const when = spec.givenEvents().when({ type: 'ReceiveStock', qty: 1 });
    expect(() => when.then((() => undefined) as never)).toThrow('not awaitable');
  });
});
