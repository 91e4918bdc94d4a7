import { DynamicModule, Module } from '@nestjs/common';
import { CoreModule } from '@inventory/service-kit';
import { SourceInventoryConfig } from './config';
import { DeductionsApp } from './deductions/deductions.app';
import { DeductionsController } from './deductions/deductions.controller';
import { LowStockController } from './low-stock/low-stock.controller';
import { sourceInventoryPipeline } from './pipeline';
import { SourceItemsApp } from './source-items/source-items.app';
import { SourceItemsController } from './source-items/source-items.controller';
import { SourceItemsQuery } from './source-items/source-items.query';
import { SourceCatalog } from './sources/source-catalog';
import { SourcesApp } from './sources/sources.app';
import { SourcesController } from './sources/sources.controller';
import { SourcesQuery } from './sources/sources.query';
import { TransfersApp } from './transfers/transfers.app';
import { TransfersController } from './transfers/transfers.controller';

@Module({})
export class SourceInventoryModule {
  static forRoot(config: SourceInventoryConfig): DynamicModule {
    return {
      module: SourceInventoryModule,
      imports: [CoreModule.forRoot('source-inventory', config, sourceInventoryPipeline)],
      controllers: [
        SourcesController,
        SourceItemsController,
        LowStockController,
        TransfersController,
        DeductionsController,
      ],
      providers: [
        SourceCatalog,
        SourcesApp,
        SourcesQuery,
        SourceItemsApp,
        SourceItemsQuery,
        TransfersApp,
        DeductionsApp,
      ],
    };
  }
}
