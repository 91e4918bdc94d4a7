import { DynamicModule, Module } from '@nestjs/common';
import { CoreModule } from '@inventory/service-kit';
import { CatalogEventsController } from './catalog/catalog-events.controller';
import { CatalogStore } from './catalog/catalog.store';
import { ShipmentMatchingConfig } from './config';
import { shipmentMatchingPipeline } from './pipeline';
import { PendingRequests } from './selection/pending-requests';
import { PickupController } from './selection/pickup.controller';
import { SelectionApp } from './selection/selection.app';
import { SelectionController } from './selection/selection.controller';
import { SettingsApp } from './selection/settings.app';
import { ShipmentIndex } from './shipping/shipment-index';
import { ShippingEventsController } from './shipping/shipping-events.controller';
import { ShippingApp } from './shipping/shipping.app';

@Module({})
export class ShipmentMatchingModule {
  static forRoot(config: ShipmentMatchingConfig): DynamicModule {
    return {
      module: ShipmentMatchingModule,
      imports: [CoreModule.forRoot('shipment-matching', config, shipmentMatchingPipeline)],
      controllers: [
        SelectionController,
        PickupController,
        CatalogEventsController,
        ShippingEventsController,
      ],
      providers: [
        CatalogStore,
        PendingRequests,
        SelectionApp,
        SettingsApp,
        ShipmentIndex,
        ShippingApp,
      ],
    };
  }
}
