import { ServiceDefinition } from '@inventory/service-kit';
import { SourceInventoryModule } from './app.module';
import { SourceInventoryConfig } from './config';
import { MsiExceptionFilter } from '@inventory/msi-api';
import { sourceInventoryPipeline } from './pipeline';

export const sourceInventoryService: ServiceDefinition<SourceInventoryConfig> = {
  name: 'source-inventory',
  description:
    'Sources, source items, adjustments, transfers, deductions and restocks: the physical truth of stock per source.',
  configSchema: SourceInventoryConfig,
  rootModule: (config) => SourceInventoryModule.forRoot(config),
  pipeline: sourceInventoryPipeline,
  exceptionFilters: [new MsiExceptionFilter()],
};
