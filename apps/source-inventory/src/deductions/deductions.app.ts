import { Injectable } from '@nestjs/common';
import { isDomainError } from '@inventory/decider';
import { NOT_ENOUGH_QUANTITY_MESSAGE, SourceCommandLine } from '@inventory/contracts';
import { deductionStream, processKey, restockStream } from '../domain';
import { SYSTEM_ACTOR, now } from '../common/request-context';
import { debitLines } from '../processes/debit-lines';
import { mergeLines } from '../processes/merge-lines';
import { SourceItemsApp } from '../source-items/source-items.app';
import {
  DeductionOutcomeEvent,
  RestockOutcomeEvent,
  deductionOutcomeDecider,
  restockOutcomeDecider,
} from './deduction-process';

export interface DeductionRequest {
  shipment_id: string;
  source_code: string;
  items: SourceCommandLine[];
}

/**
 * Shipment deductions and refund restocks, commanded over Kafka. Each has exactly one outcome,
 * recorded in its process stream; everything before the outcome is idempotent, so a redelivery
 * after a crash finishes the same process and a redelivery after the outcome changes nothing.
 */
@Injectable()
export class DeductionsApp {
  constructor(private readonly items: SourceItemsApp) {}

  async outcome(shipmentId: string): Promise<DeductionOutcomeEvent | null> {
    return (await this.items.bus.load(deductionStream(shipmentId), deductionOutcomeDecider)).state;
  }

  async deduct(request: DeductionRequest): Promise<DeductionOutcomeEvent> {
    const earlier = await this.outcome(request.shipment_id);
    if (earlier) return earlier;
    const outcome = await this.decide(request);
    const result = await this.items.bus.run(
      deductionStream(request.shipment_id),
      outcome,
      deductionOutcomeDecider,
    );
    return result.state!;
  }

  private async decide({
    shipment_id,
    source_code,
    items,
  }: DeductionRequest): Promise<DeductionOutcomeEvent> {
    const occurred_at = now();
    const reject = (
      message: string,
      errors: Array<{ sku: string; requested: string; available: string }> = [],
    ) => ({
      type: 'source_deduction_rejected' as const,
      data: { shipment_id, source_code, message, errors, occurred_at },
    });
    let lines: Array<{ sku: string; qty: string }>;
    try {
      lines = mergeLines(items);
      await this.items.catalog.require(source_code);
      const outcome = await debitLines(this.items, {
        debits: lines.map((l) =>
          this.items.command(
            'deduct_for_shipment',
            { source_code, sku: l.sku },
            { shipment_id, qty: l.qty },
            SYSTEM_ACTOR,
          ),
        ),
        compensate: (d) => this.items.command('revert_deduction', d, { shipment_id }, SYSTEM_ACTOR),
        compensated: (state) => state.processed.has(processKey.revert(shipment_id)),
      });
      if (!outcome.ok) return reject(NOT_ENOUGH_QUANTITY_MESSAGE, outcome.errors);
    } catch (err) {
      // Input the domain refuses (bad SKU, bad quantity) is this shipment's outcome, not a retry.
      if (isDomainError(err) && err.kind !== 'conflict') return reject(err.message);
      throw err;
    }
    return {
      type: 'source_deduction_completed',
      data: { shipment_id, source_code, items: lines, occurred_at },
    };
  }

  async restock(request: {
    creditmemo_id: string;
    source_code: string;
    items: SourceCommandLine[];
  }): Promise<RestockOutcomeEvent> {
    const stream = restockStream(request.creditmemo_id);
    const earlier = (await this.items.bus.load(stream, restockOutcomeDecider)).state;
    if (earlier) return earlier;
    const lines = mergeLines(request.items);
    await this.items.applyAll(
      lines.map((l) =>
        this.items.command(
          'restock_for_refund',
          { source_code: request.source_code, sku: l.sku },
          { creditmemo_id: request.creditmemo_id, qty: l.qty },
          SYSTEM_ACTOR,
        ),
      ),
    );
    const outcome: RestockOutcomeEvent = {
      type: 'source_restock_completed',
      data: {
        creditmemo_id: request.creditmemo_id,
        source_code: request.source_code,
        items: lines,
        occurred_at: now(),
      },
    };
    return (await this.items.bus.run(stream, outcome, restockOutcomeDecider)).state!;
  }
}
