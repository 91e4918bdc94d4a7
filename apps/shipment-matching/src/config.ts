import { IsIn, IsOptional } from 'class-validator';
import { ServiceConfig } from '@inventory/config';

export class ShipmentMatchingConfig extends ServiceConfig {
  override HTTP_PORT: number = 8084;

  /** The algorithm of stocks whose shipping settings were never saved. */
  @IsOptional()
  @IsIn(['priority', 'distance', 'fewest_splits'])
  SHIPMENT_DEFAULT_ALGORITHM: string = 'priority';
}
