import { runService } from '@inventory/service-kit';
import { stockAggregationService } from './service';

void runService(stockAggregationService);
