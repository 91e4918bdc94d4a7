import type { Decider } from '@inventory/decider';
import { conflict, msiMessage, notFound, throwIfInvalid } from './errors';
import { processIdErrors } from './sku';
import { validateMoved, validateNewTransfer } from './transfer.validation';
import type {
  CreateTransfer,
  DispatchTransfer,
  TransferCreated,
  TransferCommand,
  TransferEvent,
  TransferEventType,
  TransferState,
  TransferStatus,
} from './transfer.types';

/**
 * The transfer process stream (`transfer-<id>`). It records the plan and its progress; the
 * application debits the origin items on dispatch and credits the destination on receipt.
 * Repeating the step a transfer already took decides nothing; any other step out of order is
 * a conflict.
 */
export const transferDecider: Decider<TransferCommand, TransferEvent, TransferState> = {
  initialState: null,
  decide(command, state) {
    if (command.type === 'create_transfer') return create(command, state);
    throwIfInvalid(processIdErrors(command.transfer_id, 'transfer_id'));
    if (!state) {
      throw notFound('TRANSFER_NOT_FOUND', 'Transfer "%transfer_id" does not exist.', {
        transfer_id: command.transfer_id,
      });
    }
    switch (command.type) {
      case 'dispatch_transfer':
        return dispatch(command, state);
      case 'receive_transfer':
        return step(command, state, 'transfer_received', 'received', ['dispatched']);
      case 'cancel_transfer':
        return step(command, state, 'transfer_canceled', 'canceled', ['created']);
    }
  },
  evolve(_state, event) {
    const { actor: _actor, occurred_at: _at, ...transfer } = event.data;
    return transfer;
  },
};

/** Why a transfer in `status` can not take a step, e.g. "is already dispatched". */
const STATE_PHRASES: Record<TransferStatus, string> = {
  created: 'has not been dispatched',
  dispatched: 'is already dispatched',
  received: 'is already received',
  canceled: 'is canceled',
};

function create(command: CreateTransfer, state: TransferState): TransferEvent[] {
  const items = validateNewTransfer(command);
  if (state) {
    throw transferConflict(
      'Transfer "%transfer_id" already exists.',
      command,
      'TRANSFER_ALREADY_EXISTS',
    );
  }
  const data: TransferCreated = {
    transfer_id: command.transfer_id,
    kind: command.kind,
    status: 'created',
    origin_source_code: command.origin_source_code,
    destination_source_code: command.destination_source_code,
    items,
    ...(command.reference ? { reference: command.reference } : {}),
    actor: command.actor,
    occurred_at: command.occurred_at,
  };
  return [{ type: 'transfer_created', data }];
}

function step(
  command: Exclude<TransferCommand, { type: 'create_transfer' }>,
  state: NonNullable<TransferState>,
  type: TransferEventType,
  to: TransferStatus,
  from: TransferStatus[],
  items = state.items,
): TransferEvent[] {
  // A repeat decides nothing; a received transfer has been dispatched too.
  if (state.status === to || (to === 'dispatched' && state.status === 'received')) return [];
  if (!from.includes(state.status)) {
    const template = `Transfer "%transfer_id" ${STATE_PHRASES[state.status]} and can not be ${to}.`;
    throw transferConflict(template, command, 'INVALID_TRANSFER_TRANSITION', {
      status: state.status,
    });
  }
  const { actor, occurred_at } = command;
  return [{ type, data: { ...state, status: to, items, actor, occurred_at } } as TransferEvent];
}

function dispatch(command: DispatchTransfer, state: NonNullable<TransferState>): TransferEvent[] {
  if (state.status !== 'created') {
    return step(command, state, 'transfer_dispatched', 'dispatched', ['created']);
  }
  if (state.kind !== 'bulk' && command.moved !== undefined) {
    throwIfInvalid([msiMessage('"%field" is only for bulk transfers.', { field: 'moved' })]);
  }
  const items = state.kind === 'bulk' ? validateMoved(state.items, command.moved) : state.items;
  return step(command, state, 'transfer_dispatched', 'dispatched', ['created'], items);
}

function transferConflict(
  template: string,
  command: TransferCommand,
  code: 'TRANSFER_ALREADY_EXISTS' | 'INVALID_TRANSFER_TRANSITION',
  extra: object = {},
) {
  return conflict(code, template, { transfer_id: command.transfer_id }, extra);
}
