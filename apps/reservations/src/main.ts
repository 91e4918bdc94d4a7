import { runService } from '@inventory/service-kit';
import { reservationsService } from './service';

void runService(reservationsService);
