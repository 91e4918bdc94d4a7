import { MsiExceptionFilter } from '@inventory/msi-api';
import { ServiceDefinition } from '@inventory/service-kit';
import { StockAggregationModule } from './app.module';
import { StockAggregationConfig } from './config';
import { stockAggregationPipeline } from './pipeline';
import { FAST_SALABLE_UNLOGGED, fastSalableOpenApi } from './salable/fast-salable.routes';

export const stockAggregationService: ServiceDefinition<StockAggregationConfig> = {
  name: 'stock-aggregation',
  description:
    'Stocks, sales channels, stock-source links, product inventory configuration and aggregated stock levels.',
  configSchema: StockAggregationConfig,
  rootModule: (config) => StockAggregationModule.forRoot(config),
  pipeline: stockAggregationPipeline,
  exceptionFilters: [new MsiExceptionFilter()],
  openApi: fastSalableOpenApi,
  unloggedReads: FAST_SALABLE_UNLOGGED,
};
