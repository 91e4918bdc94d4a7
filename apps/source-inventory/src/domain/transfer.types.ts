import type { Actor } from '@inventory/contracts';
import type { QuantityInput } from './source-item.types';

/**
 * `staged`: created, later dispatched (origin debited), later received (destination credited),
 * cancelable before dispatch. `bulk` (MSI's bulk transfer: everything the origin holds of some
 * SKUs) and `partial` (MSI's partial transfer: given quantities) happen in one request, and are
 * recorded as a created, dispatched and received transfer all the same.
 */
export type TransferKind = 'staged' | 'bulk' | 'partial';
export type TransferStatus = 'created' | 'dispatched' | 'received' | 'canceled';

export interface TransferLineInput {
  sku: string;
  /** 'all' only in bulk transfers, where the quantity is known once the origin is debited. */
  qty: QuantityInput | 'all';
}

/** In events: a decimal with 4 places, or 'all' for a bulk line not dispatched yet. */
export interface TransferLine {
  sku: string;
  qty: string;
}

export const MAX_TRANSFER_LINES = 1000;

interface TransferCommandBase {
  transfer_id: string;
  actor: Actor;
  occurred_at: string;
}

export interface CreateTransfer extends TransferCommandBase {
  type: 'create_transfer';
  kind: TransferKind;
  origin_source_code: string;
  destination_source_code: string;
  items: TransferLineInput[];
  reference?: string;
}

export interface DispatchTransfer extends TransferCommandBase {
  type: 'dispatch_transfer';
  /**
   * Bulk transfers only, and required there: what the origin's items actually gave
   * (the quantities of their transferred_out events, 0 for an item that held nothing).
   */
  moved?: Array<{ sku: string; qty: QuantityInput }>;
}

export interface ReceiveTransfer extends TransferCommandBase {
  type: 'receive_transfer';
}

export interface CancelTransfer extends TransferCommandBase {
  type: 'cancel_transfer';
}

export type TransferCommand = CreateTransfer | DispatchTransfer | ReceiveTransfer | CancelTransfer;

/** Every transfer event states the whole transfer after it (status, lines), like item events. */
export interface TransferEventData {
  transfer_id: string;
  kind: TransferKind;
  status: TransferStatus;
  origin_source_code: string;
  destination_source_code: string;
  items: TransferLine[];
  reference?: string;
  actor: Actor;
  occurred_at: string;
}

export type TransferCreated = TransferEventData;
export type TransferDispatched = TransferEventData;
export type TransferReceived = TransferEventData;
export type TransferCanceled = TransferEventData;

export type TransferEvent =
  | { type: 'transfer_created'; data: TransferCreated }
  | { type: 'transfer_dispatched'; data: TransferDispatched }
  | { type: 'transfer_received'; data: TransferReceived }
  | { type: 'transfer_canceled'; data: TransferCanceled };

export type TransferEventType = TransferEvent['type'];

/** The transfer as its last event states it; null before it is created. */
export type TransferState = Omit<TransferEventData, 'actor' | 'occurred_at'> | null;
