import { Pool } from 'pg';
import { loadConfigOrExit } from '@inventory/config';
import { PostgresEventStore } from '@inventory/event-store';
import { formatQuantity } from '@inventory/kernel';
import { EventPipeline, runServiceCli, servicePool } from '@inventory/service-kit';
import type { Inconsistency } from './domain';
import { createCompensations, listInconsistencies } from './drift/drift-check';
import { LedgerWriter, ensureBooksTable } from './ledger/ledger-writer';
import { reservationsService } from './service';

const GRACE_USAGE = '[--grace-seconds N] (default 60: orders touched more recently are skipped)';

function graceOf(args: string[]): number | undefined {
  const i = args.indexOf('--grace-seconds');
  if (i < 0) return 60;
  const n = Number(args[i + 1]);
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}

async function withStore(
  work: (store: PostgresEventStore, pool: Pool) => Promise<number>,
): Promise<number> {
  const config = loadConfigOrExit(reservationsService.name, reservationsService.configSchema);
  const pool = servicePool(config, { max: 4 });
  const store = new PostgresEventStore({ pool });
  try {
    await store.migrate();
    return await work(store, pool);
  } finally {
    await pool.end();
  }
}

const line = (i: Inconsistency) =>
  `${i.order_id}:${i.sku}:${i.stock_id}:${formatQuantity(i.actual)}:${formatQuantity(i.expected)}`;

void runServiceCli(reservationsService, process.argv.slice(2), {
  'list-inconsistencies': {
    usage: `  list-inconsistencies ${GRACE_USAGE}\n                          orders whose open reservations differ from what their events imply\n                          (order_id:sku:stock_id:open:expected)`,
    run: async (args) => {
      const grace = graceOf(args);
      if (grace === undefined) return 2;
      return withStore(async (store) => {
        const found = await listInconsistencies(store, grace);
        for (const i of found) console.log(line(i));
        console.error(`${found.length} inconsistencies`);
        return found.length > 0 ? 1 : 0;
      });
    },
  },
  'create-compensations': {
    usage: `  create-compensations ${GRACE_USAGE}\n                          release what inconsistent orders hold too much (shortfalls are listed)`,
    run: async (args) => {
      const grace = graceOf(args);
      if (grace === undefined) return 2;
      return withStore(async (store, pool) => {
        await ensureBooksTable(pool);
        const writer = new LedgerWriter(store, pool, {
          notify: () => undefined,
        } as unknown as EventPipeline);
        const { released, shortfalls } = await createCompensations(
          await listInconsistencies(store, grace),
          writer,
        );
        for (const i of released) console.log(`released ${line(i)}`);
        for (const i of shortfalls) console.log(`shortfall (not compensated) ${line(i)}`);
        console.error(`${released.length} compensated, ${shortfalls.length} shortfalls`);
        return shortfalls.length > 0 ? 1 : 0;
      });
    },
  },
}).then((code) => process.exit(code));
