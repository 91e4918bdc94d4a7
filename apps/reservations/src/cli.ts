import { runServiceCli } from '@inventory/service-kit';
import { reservationsService } from './service';

void runServiceCli(reservationsService).then((code) => process.exit(code));
