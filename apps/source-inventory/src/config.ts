import { ServiceConfig } from '@inventory/config';

export class SourceInventoryConfig extends ServiceConfig {
  override HTTP_PORT: number = 8081;
}
