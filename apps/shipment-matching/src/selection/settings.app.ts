import { Inject, Injectable } from '@nestjs/common';
import { CommandBus, SERVICE_CONFIG } from '@inventory/service-kit';
import {
  listSourceSelectionAlgorithms,
  UnknownSourceSelectionAlgorithmError,
} from '@inventory/source-selection';
import { settingsDecider, settingsStream, type ShippingSettings } from '../domain';
import type { ShipmentMatchingConfig } from '../config';

/** Per-stock shipping settings, event-sourced in `shipsettings-<stock_id>`. */
@Injectable()
export class SettingsApp {
  constructor(
    private readonly bus: CommandBus,
    @Inject(SERVICE_CONFIG) private readonly config: ShipmentMatchingConfig,
  ) {}

  async of(stockId: number): Promise<ShippingSettings> {
    const { state } = await this.bus.load(settingsStream(stockId), settingsDecider);
    return state ?? { algorithm_code: this.config.SHIPMENT_DEFAULT_ALGORITHM, auto_plan: true };
  }

  async save(stockId: number, settings: ShippingSettings): Promise<ShippingSettings> {
    if (!listSourceSelectionAlgorithms().some((a) => a.code === settings.algorithm_code))
      throw new UnknownSourceSelectionAlgorithmError(settings.algorithm_code);
    await this.bus.run(
      settingsStream(stockId),
      {
        ...settings,
        stock_id: stockId,
        at: new Date().toISOString(),
      },
      settingsDecider,
    );
    return this.of(stockId);
  }
}
