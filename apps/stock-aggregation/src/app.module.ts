import { DynamicModule, Module } from '@nestjs/common';
import { CoreModule } from '@inventory/service-kit';
import { StockAggregationConfig } from './config';

@Module({})
export class StockAggregationModule {
  static forRoot(config: StockAggregationConfig): DynamicModule {
    return {
      module: StockAggregationModule,
      imports: [CoreModule.forRoot('stock-aggregation', config)],
    };
  }
}
