import { IsInt, IsOptional, Matches, Min } from 'class-validator';
import { Pool } from 'pg';
import { IsBrokerList, ToInt, loadConfigOrExit } from '@inventory/config';
import { PostgresEventStore, logPoolErrors } from '@inventory/event-store';
import { createLogger } from '@inventory/observability';
import { createKafka } from '../kafka-factory';
import { OutboxRelay } from './outbox-relay';

class RelayConfig {
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// connection URL' })
  DATABASE_URL!: string;

  @IsBrokerList()
  KAFKA_BROKERS!: string;

  @IsOptional()
  KAFKA_TOPIC_PREFIX: string = '';

  @Matches(/^[a-z0-9_.-]+$/, {
    message: 'RELAY_NAME must be lower-case letters, digits, ".", "_" or "-"',
  })
  RELAY_NAME!: string;

  /** `category=topic[,category=topic...]` */
  @Matches(/^[A-Za-z][A-Za-z0-9_]*=[A-Za-z0-9._-]+(,[A-Za-z][A-Za-z0-9_]*=[A-Za-z0-9._-]+)*$/, {
    message: 'RELAY_ROUTES must be category=topic pairs separated by commas',
  })
  RELAY_ROUTES!: string;

  @IsOptional()
  @Matches(/^[a-z_][a-z0-9_]*$/, {
    message: 'EVENT_STORE_SCHEMA must be a lower-case SQL identifier',
  })
  EVENT_STORE_SCHEMA: string = 'public';

  @ToInt()
  @IsInt()
  @Min(1)
  RELAY_BATCH_SIZE: number = 500;
}

/** Runs one outbox relay as its own process (operators may; the fault test kills it at random). */
async function main(): Promise<void> {
  const config = loadConfigOrExit('relay', RelayConfig);
  const logger = createLogger(`relay:${config.RELAY_NAME}`, process.env.LOG_LEVEL ?? 'info');
  const pool = logPoolErrors(new Pool({ connectionString: config.DATABASE_URL, max: 4 }), (err) =>
    logger.warn({ err }, 'PostgreSQL connection lost; the pool opens a new one'),
  );
  const relay = new OutboxRelay({
    name: config.RELAY_NAME,
    store: new PostgresEventStore({ pool, schema: config.EVENT_STORE_SCHEMA }),
    pool,
    kafka: createKafka({
      brokers: config.KAFKA_BROKERS.split(','),
      clientId: config.RELAY_NAME,
      logger,
    }),
    topicPrefix: config.KAFKA_TOPIC_PREFIX,
    routes: config.RELAY_ROUTES.split(',').map((pair) => {
      const [category, topic] = pair.split('=');
      return { category, topic };
    }),
    batchSize: config.RELAY_BATCH_SIZE,
    onError: (err) => logger.error({ err }, 'relay batch failed; retrying'),
  });
  relay.on('leading', (cp) => logger.info({ checkpoint: cp }, 'leading'));
  await relay.start();
  const stop = async (): Promise<void> => {
    await relay.stop();
    await pool.end();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}

void main();
