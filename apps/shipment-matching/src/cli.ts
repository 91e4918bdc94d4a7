import { runServiceCli } from '@inventory/service-kit';
import { shipmentMatchingService } from './service';

void runServiceCli(shipmentMatchingService).then((code) => process.exit(code));
