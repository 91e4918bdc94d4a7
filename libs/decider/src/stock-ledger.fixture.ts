import type { Decider } from './decider';
import { InvalidCommandError, RuleViolationError } from './domain-error';

/** A deliberately small decider used by this library's tests. */
export type LedgerCommand =
  { type: 'ReceiveStock'; qty: number } | { type: 'ReserveStock'; orderId: string; qty: number };

export type LedgerEvent =
  { type: 'StockReceived'; qty: number } | { type: 'StockReserved'; orderId: string; qty: number };

export interface LedgerState {
  available: number;
  orders: string[];
}

export const stockLedger: Decider<LedgerCommand, LedgerEvent, LedgerState> = {
  initialState: { available: 0, orders: [] },
  decide(command, state) {
    if (!Number.isInteger(command.qty) || command.qty <= 0) {
      throw new InvalidCommandError('INVALID_QUANTITY', 'qty must be a positive integer', {
        qty: command.qty,
      });
    }
    switch (command.type) {
      case 'ReceiveStock':
        return [{ type: 'StockReceived', qty: command.qty }];
      case 'ReserveStock':
        if (state.orders.includes(command.orderId)) return [];
        if (command.qty > state.available) {
          throw new RuleViolationError('INSUFFICIENT_STOCK', 'not enough stock', {
            requested: command.qty,
            available: state.available,
          });
        }
        return [{ type: 'StockReserved', orderId: command.orderId, qty: command.qty }];
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'StockReceived':
        return { ...state, available: state.available + event.qty };
      case 'StockReserved':
        return { available: state.available - event.qty, orders: [...state.orders, event.orderId] };
    }
  },
};
