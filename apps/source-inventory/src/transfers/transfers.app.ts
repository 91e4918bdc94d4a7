import { Injectable } from '@nestjs/common';
import { randomUUID } from 'crypto';
import type { Actor } from '@inventory/contracts';
import { RuleViolationError } from '@inventory/decider';
import {
  formatQuantity,
  TransferEventData,
  TransferLineInput,
  TransferState,
  processKey,
  transferDecider,
  transferStream,
} from '../domain';
import { now } from '../common/request-context';
import { debitLines } from '../processes/debit-lines';
import { SourceItemsApp } from '../source-items/source-items.app';

export interface NewTransfer {
  transfer_id?: string;
  origin_source_code: string;
  destination_source_code: string;
  items: TransferLineInput[];
  reference?: string;
}

/**
 * Transfers between sources, recorded as a process in `transfer-<id>`: created, dispatched
 * (quantities leave the origin: in transit), received (they arrive at the destination), or
 * canceled before dispatch. MSI's bulk and partial transfers run all three steps in one request.
 * The transfer id is the idempotency key: repeating a request with it changes nothing twice.
 */
@Injectable()
export class TransfersApp {
  constructor(private readonly items: SourceItemsApp) {}

  async get(id: string): Promise<TransferState> {
    const { state } = await this.items.bus.load(transferStream(id), transferDecider);
    return state;
  }

  async create(
    input: NewTransfer,
    kind: 'staged' | 'partial' | 'bulk',
    actor: Actor,
  ): Promise<TransferState> {
    const transfer_id = input.transfer_id ?? randomUUID();
    await this.items.catalog.requireAll([input.origin_source_code, input.destination_source_code]);
    const result = await this.items.bus.run(
      transferStream(transfer_id),
      { type: 'create_transfer', ...input, transfer_id, kind, actor, occurred_at: now() },
      transferDecider,
    );
    return result.state;
  }

  /** Takes the lines out of the origin, all or none; the transfer is then in transit. */
  async dispatch(id: string, actor: Actor): Promise<TransferState> {
    const transfer = await this.require(id);
    if (transfer.status !== 'created') return this.step(id, 'dispatch_transfer', actor);
    const bulk = transfer.kind === 'bulk';
    const debits = transfer.items.map((line) =>
      this.items.command(
        'transfer_out',
        { source_code: transfer.origin_source_code, sku: line.sku },
        {
          transfer_id: id,
          qty: bulk ? 'all' : line.qty,
          destination_source_code: transfer.destination_source_code,
        },
        actor,
      ),
    );
    const outcome = await debitLines(this.items, {
      debits,
      // Giving back a partial transfer's debit is a transfer back in from the destination's side.
      compensate: (d) =>
        this.items.command(
          'transfer_in',
          d,
          {
            transfer_id: `${id}:rollback`,
            qty: this.taken(transfer, d.sku),
            origin_source_code: transfer.destination_source_code,
          },
          actor,
        ),
      compensated: (state) => state.processed.has(processKey.in(`${id}:rollback`)),
    });
    if (!outcome.ok) {
      throw new RuleViolationError(
        'NOT_ENOUGH_QUANTITY',
        'Not all of your products are available in the requested quantity.',
        {
          template: 'Not all of your products are available in the requested quantity.',
          parameters: {},
          errors: outcome.errors.map((e) => ({
            message: 'SKU "%sku": requested %requested, available %available.',
            parameters: e,
          })),
        },
      );
    }
    const moved = bulk ? await this.movedBy(transfer, id) : undefined;
    return this.step(id, 'dispatch_transfer', actor, moved ? { moved } : {});
  }

  /** Credits the destination with what left the origin. */
  async receive(id: string, actor: Actor): Promise<TransferState> {
    const transfer = await this.require(id);
    if (transfer.status !== 'dispatched') return this.step(id, 'receive_transfer', actor);
    const credits = transfer.items
      .filter((line) => Number(line.qty) > 0)
      .map((line) =>
        this.items.command(
          'transfer_in',
          { source_code: transfer.destination_source_code, sku: line.sku },
          { transfer_id: id, qty: line.qty, origin_source_code: transfer.origin_source_code },
          actor,
        ),
      );
    await this.items.applyAll(credits);
    return this.step(id, 'receive_transfer', actor);
  }

  cancel(id: string, actor: Actor): Promise<TransferState> {
    return this.step(id, 'cancel_transfer', actor);
  }

  /** MSI's partial and bulk transfers: the whole process in one request. */
  async transferNow(
    input: NewTransfer,
    kind: 'partial' | 'bulk',
    actor: Actor,
  ): Promise<TransferState> {
    const created = await this.create(input, kind, actor);
    const id = created!.transfer_id;
    await this.dispatch(id, actor);
    return this.receive(id, actor);
  }

  private async step(
    id: string,
    type: 'dispatch_transfer' | 'receive_transfer' | 'cancel_transfer',
    actor: Actor,
    extra = {},
  ) {
    const result = await this.items.bus.run(
      transferStream(id),
      { type, transfer_id: id, actor, occurred_at: now(), ...extra },
      transferDecider,
    );
    return result.state;
  }

  private async require(id: string): Promise<NonNullable<TransferState>> {
    const state = await this.get(id);
    if (!state) {
      // Let the decider produce its own not-found error.
      await this.step(id, 'dispatch_transfer', { type: 'system', id: 'transfers' });
    }
    return state as NonNullable<TransferState>;
  }

  private taken(transfer: NonNullable<TransferState>, sku: string): string {
    return transfer.items.find((l) => l.sku === sku)?.qty ?? '0';
  }

  /** For a bulk transfer, what each origin item actually gave (its transferred_out quantity). */
  private async movedBy(transfer: TransferEventData | NonNullable<TransferState>, id: string) {
    return Promise.all(
      transfer.items.map(async (line) => {
        const state = await this.items.state({
          source_code: transfer.origin_source_code,
          sku: line.sku,
        });
        const qty = state.processed.get(processKey.out(id));
        return { sku: line.sku, qty: qty === undefined ? '0' : formatQuantity(qty) };
      }),
    );
  }
}
