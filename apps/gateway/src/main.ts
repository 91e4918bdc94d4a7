import { Logger } from '@nestjs/common';
import { loadConfigOrExit, redactedConfig } from '@inventory/config';
import { createLogger } from '@inventory/observability';
import { installShutdown } from '@inventory/service-kit';
import { GatewayConfig } from './config';
import { createGateway } from './gateway';

async function main(): Promise<void> {
  const config = loadConfigOrExit('gateway', GatewayConfig);
  createLogger('gateway', config.LOG_LEVEL).debug(
    { config: redactedConfig(config) },
    'configuration',
  );
  const app = await createGateway(config);
  installShutdown(app, config.SHUTDOWN_TIMEOUT_MS, 'gateway');
  new Logger('gateway').log(`listening on http://${config.HTTP_HOST}:${config.HTTP_PORT}`);
}

main().catch((err) => {
  process.stderr.write(`gateway failed to start: ${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
