import { runService } from '@inventory/service-kit';
import { shipmentMatchingService } from './service';

void runService(shipmentMatchingService);
