import { IsInt, Max, Min } from 'class-validator';
import { ServiceConfig, ToInt } from '@inventory/config';

export class StockAggregationConfig extends ServiceConfig {
  override HTTP_PORT: number = 8082;

  /**
   * Salability answers kept in process memory, exact through Redis invalidation messages
   * (docs/stock-aggregation.md, "Read path"); 0 reads Redis on every request.
   */
  @ToInt()
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  SALABLE_CACHE_ENTRIES: number = 100_000;
}
