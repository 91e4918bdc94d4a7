import { MsiExceptionFilter } from '@inventory/msi-api';
import { ServiceDefinition } from '@inventory/service-kit';
import { ShipmentMatchingModule } from './app.module';
import { ShipmentMatchingConfig } from './config';

export const shipmentMatchingService: ServiceDefinition<ShipmentMatchingConfig> = {
  name: 'shipment-matching',
  description: 'Source selection algorithms, shipment plans and the shipment lifecycle.',
  configSchema: ShipmentMatchingConfig,
  rootModule: (config) => ShipmentMatchingModule.forRoot(config),
  exceptionFilters: [new MsiExceptionFilter()],
};
