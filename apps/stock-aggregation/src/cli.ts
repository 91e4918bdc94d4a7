import { runServiceCli } from '@inventory/service-kit';
import { stockAggregationService } from './service';

void runServiceCli(stockAggregationService).then((code) => process.exit(code));
