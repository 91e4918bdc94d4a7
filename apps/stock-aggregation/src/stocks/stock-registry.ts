import { Injectable } from '@nestjs/common';
import { CommandBus } from '@inventory/service-kit';
import {
  stockRegistryDecider,
  stockRegistryStream,
  type StockCommand,
  type StockData,
  type StockEvent,
  type StockRegistryState,
} from '../domain';

/**
 * The registry (every stock, channel and link) read from its one stream. It is small and
 * written at admin rates; the command bus keeps its folded state and reads only newer events
 * per request, so reads stay consistent with the last write (read-your-writes) without a
 * second model to rebuild. The hot salability reads will not come
 * here: they get their own Redis read models.
 */
@Injectable()
export class StockRegistry {
  constructor(private readonly bus: CommandBus) {}

  async state(): Promise<StockRegistryState> {
    return (await this.bus.load(stockRegistryStream(), stockRegistryDecider)).state;
  }

  /** The stock a sales channel belongs to, if any. */
  async stockOfChannel(type: string, code: string): Promise<StockData | undefined> {
    for (const stock of (await this.state()).stocks.values()) {
      const channels = stock.extension_attributes.sales_channels;
      if (channels.some((c) => c.type === type && c.code === code)) return stock;
    }
    return undefined;
  }

  /** Dry run: throws the decider's error for `command` now, appends nothing. */
  async check(command: StockCommand): Promise<void> {
    await this.bus.check(stockRegistryStream(), command, stockRegistryDecider);
  }

  /** Decides on the registry and appends; returns the events appended now. */
  async run(command: StockCommand): Promise<StockEvent[]> {
    return (await this.bus.run(stockRegistryStream(), command, stockRegistryDecider)).events;
  }
}
