import { DynamicModule, Module } from '@nestjs/common';
import { GroupCommitter, type EventStore } from '@inventory/event-store';
import { CoreModule, EVENT_STORE } from '@inventory/service-kit';
import { ChannelDirectory } from './channels/channel-directory';
import { StockEventsController } from './channels/stock-events.controller';
import { ReservationsConfig } from './config';
import { HoldSweeper } from './holds/hold-sweeper';
import { HoldsApp } from './holds/holds.app';
import { HoldsController } from './holds/holds.controller';
import { HoldsStore } from './holds/holds.store';
import { LedgerWriter } from './ledger/ledger-writer';
import { CheckoutController } from './orders/checkout.controller';
import { ShipmentEventsController } from './orders/shipment-events.controller';
import { OrderEventsController } from './orders/order-events.controller';
import { OrderProcess } from './orders/order-process';
import { Outcomes } from './orders/outcomes';
import { StockLevels } from './orders/stock-levels';
import { reservationsPipeline } from './pipeline';

@Module({})
export class ReservationsModule {
  static forRoot(config: ReservationsConfig): DynamicModule {
    return {
      module: ReservationsModule,
      imports: [CoreModule.forRoot('reservations', config, reservationsPipeline)],
      controllers: [
        CheckoutController,
        HoldsController,
        OrderEventsController,
        ShipmentEventsController,
        StockEventsController,
      ],
      providers: [
        ChannelDirectory,
        {
          provide: GroupCommitter,
          useFactory: (store: EventStore) => new GroupCommitter(store),
          inject: [EVENT_STORE],
        },
        LedgerWriter,
        Outcomes,
        StockLevels,
        HoldsStore,
        HoldsApp,
        HoldSweeper,
        OrderProcess,
      ],
    };
  }
}
