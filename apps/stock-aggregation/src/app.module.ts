import { DynamicModule, Module } from '@nestjs/common';
import { CoreModule } from '@inventory/service-kit';
import { StockAggregationConfig } from './config';
import { LinksApp } from './links/links.app';
import { LinksController } from './links/links.controller';
import { stockAggregationPipeline } from './pipeline';
import { ProductConfigApp } from './product-config/product-config.app';
import { ProductConfigController } from './product-config/product-config.controller';
import { KnownSources } from './sources/known-sources';
import { ExportApp } from './salable/export.app';
import { SalableApp } from './salable/salable.app';
import { SalableCache } from './salable/salable-cache';
import { SalableController } from './salable/salable.controller';
import { SalableProjector } from './salable/salable-projector';
import { SourceItemEventsController } from './salable/source-item-events.controller';
import { SourceItemsStore } from './salable/source-items.store';
import { TrailingSlashRoutes } from './salable/trailing-slash.routes';
import { FastSalableRoutes } from './salable/fast-salable.routes';
import { SalableModelVersion } from './salable/salable-model-version';
import { SourceEventsController } from './sources/source-events.controller';
import { SingleSourceModeController } from './sources/single-source-mode.controller';
import { StockRegistry } from './stocks/stock-registry';
import { StockResolverController } from './stocks/stock-resolver.controller';
import { StocksApp } from './stocks/stocks.app';
import { StocksController } from './stocks/stocks.controller';

@Module({})
export class StockAggregationModule {
  static forRoot(config: StockAggregationConfig): DynamicModule {
    return {
      module: StockAggregationModule,
      imports: [CoreModule.forRoot('stock-aggregation', config, stockAggregationPipeline)],
      controllers: [
        StocksController,
        StockResolverController,
        LinksController,
        ProductConfigController,
        SourceEventsController,
        SingleSourceModeController,
        SourceItemEventsController,
        SalableController,
      ],
      providers: [
        StockRegistry,
        StocksApp,
        LinksApp,
        KnownSources,
        ProductConfigApp,
        SourceItemsStore,
        SalableProjector,
        SalableCache,
        SalableApp,
        ExportApp,
        TrailingSlashRoutes,
        FastSalableRoutes,
        SalableModelVersion,
      ],
    };
  }
}
