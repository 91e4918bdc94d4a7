import { ServiceDefinition } from '@inventory/service-kit';
import { SourceInventoryModule } from './app.module';
import { SourceInventoryConfig } from './config';

export const sourceInventoryService: ServiceDefinition<SourceInventoryConfig> = {
  name: 'source-inventory',
  description:
    'Sources, source items, adjustments, transfers, deductions and restocks: the physical truth of stock per source.',
  configSchema: SourceInventoryConfig,
  rootModule: (config) => SourceInventoryModule.forRoot(config),
};
