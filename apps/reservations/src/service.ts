import { MsiExceptionFilter } from '@inventory/msi-api';
import { ServiceDefinition } from '@inventory/service-kit';
import { ReservationsModule } from './app.module';
import { ReservationsConfig } from './config';
import { reservationsPipeline } from './pipeline';

export const reservationsService: ServiceDefinition<ReservationsConfig> = {
  name: 'reservations',
  description:
    'Reservation ledgers, checkout reserve API, cart holds and order inventory outcomes.',
  configSchema: ReservationsConfig,
  rootModule: (config) => ReservationsModule.forRoot(config),
  pipeline: reservationsPipeline,
  exceptionFilters: [new MsiExceptionFilter()],
};
