import { IsInt, Max, Min } from 'class-validator';
import { ServiceConfig, ToInt } from '@inventory/config';

export class ReservationsConfig extends ServiceConfig {
  override HTTP_PORT: number = 8083;

  /**
   * Stock levels (of stock-aggregation's read model) kept in process memory for decisions,
   * exact through Redis invalidation messages; 0 reads Redis for every order line.
   */
  @ToInt()
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  STOCK_LEVEL_CACHE_ENTRIES: number = 100_000;
}
