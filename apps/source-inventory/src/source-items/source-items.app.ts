import { Injectable } from '@nestjs/common';
import type { Actor, AdjustmentReason, SourceItemStatus } from '@inventory/contracts';
import { CommandBus } from '@inventory/service-kit';
import {
  QuantityInput,
  SourceItemCommand,
  SourceItemState,
  sourceItemDecider,
  sourceItemStream,
} from '../domain';
import { now } from '../common/request-context';
import { SourceCatalog } from '../sources/source-catalog';

export interface SourceItemKey {
  source_code: string;
  sku: string;
}

type Body<C> = C extends unknown
  ? Omit<C, 'type' | 'source_code' | 'sku' | 'actor' | 'occurred_at'>
  : never;

/**
 * Source-item use cases over many items at once (MSI's APIs take lists). Every item is checked
 * before anything is written, so invalid input fails the whole request with nothing applied;
 * then each item's stream is changed on its own, with its version guard.
 */
@Injectable()
export class SourceItemsApp {
  constructor(
    readonly bus: CommandBus,
    readonly catalog: SourceCatalog,
  ) {}

  command<T extends SourceItemCommand['type']>(
    type: T,
    key: SourceItemKey,
    body: Body<Extract<SourceItemCommand, { type: T }>>,
    actor: Actor,
  ): SourceItemCommand {
    return {
      type,
      source_code: key.source_code,
      sku: key.sku,
      actor,
      occurred_at: now(),
      ...body,
    } as SourceItemCommand;
  }

  /** Validates every command against its item's current state, then applies them all. */
  async applyAll(
    commands: SourceItemCommand[],
    options: { commandId?: string } = {},
  ): Promise<SourceItemState[]> {
    await this.catalog.requireAll(commands.map((c) => c.source_code));
    await Promise.all(commands.map((c) => this.bus.check(this.stream(c), c, sourceItemDecider)));
    return Promise.all(
      commands.map(async (c, i) => {
        const commandId = options.commandId ? `${options.commandId}:${i}` : undefined;
        return (await this.bus.run(this.stream(c), c, sourceItemDecider, { commandId })).state;
      }),
    );
  }

  save(
    items: Array<SourceItemKey & { quantity: QuantityInput; status: SourceItemStatus }>,
    actor: Actor,
    reason: 'set' | 'import' = 'set',
  ) {
    return this.applyAll(
      items.map((i) =>
        this.command(
          'save_source_item',
          i,
          { quantity: i.quantity, status: i.status, reason },
          actor,
        ),
      ),
    );
  }

  unassign(items: SourceItemKey[], actor: Actor) {
    return this.applyAll(items.map((i) => this.command('unassign_source_item', i, {}, actor)));
  }

  adjust(
    items: Array<
      SourceItemKey & { delta: QuantityInput; reason: AdjustmentReason; reference?: string }
    >,
    actor: Actor,
    commandId?: string,
  ) {
    return this.applyAll(
      items.map((i) =>
        this.command(
          'adjust_source_item',
          i,
          { delta: i.delta, reason: i.reason, reference: i.reference },
          actor,
        ),
      ),
      { commandId },
    );
  }

  setLowStockThresholds(
    items: Array<SourceItemKey & { notify_stock_qty: QuantityInput | null }>,
    actor: Actor,
  ) {
    return this.applyAll(
      items.map((i) =>
        this.command('set_low_stock_threshold', i, { notify_stock_qty: i.notify_stock_qty }, actor),
      ),
    );
  }

  /** MSI bulk assign: every SKU to every source with quantity 0, out of stock; existing items stay as they are. */
  async assign(skus: string[], sourceCodes: string[], actor: Actor) {
    const pairs = sourceCodes.flatMap((source_code) => skus.map((sku) => ({ source_code, sku })));
    const states = await Promise.all(pairs.map((p) => this.state(p)));
    const missing = pairs.filter((_, i) => !states[i].exists);
    await this.save(
      missing.map((p) => ({ ...p, quantity: 0, status: 0 as const })),
      actor,
    );
    return missing.length;
  }

  async state(key: SourceItemKey): Promise<SourceItemState> {
    return (await this.bus.load(sourceItemStream(key.source_code, key.sku), sourceItemDecider))
      .state;
  }

  async history(key: SourceItemKey) {
    await this.catalog.require(key.source_code);
    const recorded = await this.bus.store.readStream(sourceItemStream(key.source_code, key.sku));
    return recorded.reverse().map((e) => ({
      event_id: e.eventId,
      type: e.type,
      version: e.streamVersion,
      ...(e.data as object),
    }));
  }

  stream(c: SourceItemCommand): string {
    return sourceItemStream(c.source_code, c.sku);
  }
}
