import { DynamicModule, Module } from '@nestjs/common';
import { CoreModule } from '@inventory/service-kit';
import { SourceInventoryConfig } from './config';

@Module({})
export class SourceInventoryModule {
  static forRoot(config: SourceInventoryConfig): DynamicModule {
    return {
      module: SourceInventoryModule,
      imports: [CoreModule.forRoot('source-inventory', config)],
    };
  }
}
