import { fold } from './decider';
import { stockLedger } from './stock-ledger.fixture';

describe('fold', () => {
  it('replays events from the initial state without changing it', () => {
    const state = fold(stockLedger, [
      { type: 'StockReceived', qty: 5 },
      { type: 'StockReserved', orderId: 'o1', qty: 2 },
    ]);

    expect(state).toEqual({ available: 3, orders: ['o1'] });
    expect(stockLedger.initialState).toEqual({ available: 0, orders: [] });
  });

  it('continues from a given state', () => {
    expect(
      fold(stockLedger, [{ type: 'StockReceived', qty: 1 }], { available: 4, orders: [] }),
    ).toEqual({
      available: 5,
      orders: [],
    });
  });
});
