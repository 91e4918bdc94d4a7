import Redis from 'ioredis';
import { loadConfigOrExit, redisTlsOptions } from '@inventory/config';
import { PostgresEventStore } from '@inventory/event-store';
import {
  CommandBus,
  EventPipeline,
  RedisKeys,
  runServiceCli,
  servicePool,
} from '@inventory/service-kit';
import { rebuildSalable } from './salable/salable-rebuild';
import { stockAggregationService } from './service';

const REBUILD_USAGE = `  rebuild-salable [--from-event-store]
                          drop the salable read model and recompute it; with --from-event-store
                          also refill its source and source-item tables from the event store
                          (stop the service first)`;

void runServiceCli(stockAggregationService, process.argv.slice(2), {
  'rebuild-salable': {
    usage: REBUILD_USAGE,
    run: async (args) => {
      const unknown = args.filter((a) => a !== '--from-event-store');
      if (unknown.length) {
        console.error(`unknown argument(s) ${unknown.join(' ')}\n${REBUILD_USAGE}`);
        return 2;
      }
      const config = loadConfigOrExit(
        stockAggregationService.name,
        stockAggregationService.configSchema,
      );
      const pool = servicePool(config, { max: 4 });
      const store = new PostgresEventStore({ pool });
      const redis = new Redis(config.REDIS_URL, redisTlsOptions(config));
      try {
        await store.migrate();
        const bus = new CommandBus(store, { notify: () => undefined } as unknown as EventPipeline);
        const started = Date.now();
        const report = await rebuildSalable(
          {
            pool,
            redis,
            keys: new RedisKeys(config.REDIS_KEY_PREFIX),
            store,
            bus,
            log: console.log,
          },
          { fromEventStore: args.includes('--from-event-store') },
        );
        console.log(
          `rebuilt the salable read model of ${report.skus} SKUs in ${Date.now() - started} ms`,
        );
        return 0;
      } finally {
        redis.disconnect();
        await pool.end();
      }
    },
  },
}).then((code) => process.exit(code));
