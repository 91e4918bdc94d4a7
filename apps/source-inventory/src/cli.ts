import { runServiceCli } from '@inventory/service-kit';
import { sourceInventoryService } from './service';

void runServiceCli(sourceInventoryService).then((code) => process.exit(code));
