import { ServiceConfig } from '@inventory/config';

export class ReservationsConfig extends ServiceConfig {
  override HTTP_PORT: number = 8083;
}
