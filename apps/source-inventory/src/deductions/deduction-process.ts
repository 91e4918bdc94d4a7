import type { Decider } from '@inventory/decider';
import type { SourceDeductionCompleted, SourceDeductionRejected } from '@inventory/contracts';

export type DeductionOutcomeEvent =
  | { type: 'source_deduction_completed'; data: SourceDeductionCompleted }
  | { type: 'source_deduction_rejected'; data: SourceDeductionRejected };

export type DeductionState = DeductionOutcomeEvent | null;

/**
 * The `deduction-<shipment>` stream holds a shipment's one outcome, published by the relay to
 * inventory.source-deductions.v1. The first outcome stands: a redelivered command changes nothing.
 */
export const deductionOutcomeDecider: Decider<
  DeductionOutcomeEvent,
  DeductionOutcomeEvent,
  DeductionState
> = {
  initialState: null,
  decide: (outcome, state) => (state ? [] : [outcome]),
  evolve: (state, event) => state ?? event,
};

export interface RestockCompleted {
  creditmemo_id: string;
  source_code: string;
  items: Array<{ sku: string; qty: string }>;
  occurred_at: string;
}

export type RestockOutcomeEvent = { type: 'source_restock_completed'; data: RestockCompleted };

export const restockOutcomeDecider: Decider<
  RestockOutcomeEvent,
  RestockOutcomeEvent,
  RestockOutcomeEvent | null
> = {
  initialState: null,
  decide: (outcome, state) => (state ? [] : [outcome]),
  evolve: (state, event) => state ?? event,
};
