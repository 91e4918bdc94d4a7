import { DynamicModule, Module } from '@nestjs/common';
import { CoreModule } from '@inventory/service-kit';
import { ShipmentMatchingConfig } from './config';

@Module({})
export class ShipmentMatchingModule {
  static forRoot(config: ShipmentMatchingConfig): DynamicModule {
    return {
      module: ShipmentMatchingModule,
      imports: [CoreModule.forRoot('shipment-matching', config)],
    };
  }
}
