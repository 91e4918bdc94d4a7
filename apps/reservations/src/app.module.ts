import { DynamicModule, Module } from '@nestjs/common';
import { CoreModule } from '@inventory/service-kit';
import { ReservationsConfig } from './config';

@Module({})
export class ReservationsModule {
  static forRoot(config: ReservationsConfig): DynamicModule {
    return { module: ReservationsModule, imports: [CoreModule.forRoot('reservations', config)] };
  }
}
