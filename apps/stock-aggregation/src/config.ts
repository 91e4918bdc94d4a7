import { ServiceConfig } from '@inventory/config';

export class StockAggregationConfig extends ServiceConfig {
  override HTTP_PORT: number = 8082;
}
