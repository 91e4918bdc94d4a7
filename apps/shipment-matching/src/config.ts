import { ServiceConfig } from '@inventory/config';

export class ShipmentMatchingConfig extends ServiceConfig {
  override HTTP_PORT: number = 8084;
}
