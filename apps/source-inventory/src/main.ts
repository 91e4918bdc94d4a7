import { runService } from '@inventory/service-kit';
import { sourceInventoryService } from './service';

void runService(sourceInventoryService);
