import { runServiceCli } from '@inventory/service-kit';
import { IMPORT_USAGE, importCli } from './import';
import { sourceInventoryService } from './service';

void runServiceCli(sourceInventoryService, process.argv.slice(2), {
  import: {
    usage: `  ${IMPORT_USAGE.split('\n')[0].replace('usage: cli ', '')}`,
    run: (args) => importCli(args, process.env),
  },
}).then((code) => process.exit(code));
