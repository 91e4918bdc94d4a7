import { loadConfigOrExit } from '@inventory/config';
import { runServiceCli, servicePool } from '@inventory/service-kit';
import { IMPORT_POSTCODES_USAGE, importPostcodes } from './postcodes/import-postcodes';
import { shipmentMatchingService } from './service';

void runServiceCli(shipmentMatchingService, process.argv.slice(2), {
  'import-postcodes': {
    usage: IMPORT_POSTCODES_USAGE,
    run: async (args) => {
      const at = args.indexOf('--country');
      const country = at >= 0 ? args[at + 1] : undefined;
      const file = args.find((a, i) => !a.startsWith('--') && i !== at + 1);
      if (!file || !country || !/^[A-Z]{2}$/.test(country)) {
        console.error(
          `import-postcodes needs a file and --country <CC>\n${IMPORT_POSTCODES_USAGE}`,
        );
        return 2;
      }
      const config = loadConfigOrExit(
        shipmentMatchingService.name,
        shipmentMatchingService.configSchema,
      );
      // DATABASE_SSL applies here as in the service (it used to be left out).
      const pool = servicePool(config, { max: 2 });
      try {
        const report = await importPostcodes(pool, file, country);
        for (const r of report.rejected.slice(0, 20)) console.error(`line ${r.line}: ${r.reason}`);
        console.log(
          `imported ${report.rows} ${country} postcodes, ${report.rejected.length} lines rejected`,
        );
        return 0;
      } finally {
        await pool.end();
      }
    },
  },
}).then((code) => process.exit(code));
