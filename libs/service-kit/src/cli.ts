import Redis from 'ioredis';
import { ServiceConfig, loadConfigOrExit, redisTlsOptions } from '@inventory/config';
import { PostgresEventStore } from '@inventory/event-store';
import { PgProjectionRunner, ProjectionRunner, rebuildWithProgress } from '@inventory/read-models';
import type { ServiceDefinition } from './bootstrap';
import { servicePool } from './pg-pool';
import { REPLAY_USAGE, runReplayDeadLetters } from './replay-cli';

const USAGE = `usage: cli <command>
  migrate                 apply pending event-store migrations
  projections             list this service's projections (Redis keys or PostgreSQL tables)
  rebuild <name>|--all    empty a projection and replay it from the event store
${REPLAY_USAGE}`;

/**
 * Operator commands of one service, run with the same environment as the service itself:
 * `node dist/apps/<service>/src/cli.js rebuild --all`.
 */
export async function runServiceCli<C extends ServiceConfig>(
  def: ServiceDefinition<C>,
  argv = process.argv.slice(2),
  /** Commands of this service only, e.g. source-inventory's `import`; they get the arguments after their name. */
  extra: Record<string, { usage: string; run: (args: string[]) => Promise<number> }> = {},
): Promise<number> {
  const [command, arg] = argv;
  if (command && extra[command]) return extra[command].run(argv.slice(1));
  if (command === 'replay-dead-letters') return runReplayDeadLetters(def, argv.slice(1));
  const projections = [
    ...(def.pipeline?.projections ?? []),
    ...(def.pipeline?.pgProjections ?? []),
  ];
  if (command === 'projections') {
    for (const p of projections) console.log(`${p.name}\t(categories: ${p.categories.join(', ')})`);
    return 0;
  }
  if (command !== 'migrate' && command !== 'rebuild') {
    console.error([USAGE, ...Object.values(extra).map((e) => e.usage)].join('\n'));
    return 2;
  }
  const config = loadConfigOrExit(def.name, def.configSchema);
  const pool = servicePool(config, { max: 4 });
  const store = new PostgresEventStore({ pool });
  try {
    const { applied, currentVersion } = await store.migrate();
    console.log(
      `event store schema at version ${currentVersion}; applied now: ${applied.map((m) => m.name).join(', ') || 'none'}`,
    );
    if (command === 'migrate') return 0;
    const chosen = arg === '--all' ? projections : projections.filter((p) => p.name === arg);
    if (!arg || chosen.length === 0) {
      console.error(
        `unknown projection "${arg ?? ''}"; known: ${projections.map((p) => p.name).join(', ') || 'none'}`,
      );
      return 2;
    }
    const redis = new Redis(config.REDIS_URL, redisTlsOptions(config));
    try {
      for (const projection of chosen) {
        const { rows } = await pool.query<{ n: string }>(
          `SELECT count(*)::text AS n FROM ${store.tables.events} WHERE category = ANY($1)`,
          [projection.categories],
        );
        const runner =
          'tables' in projection
            ? new PgProjectionRunner({ projection, store, pool, batchSize: 5000 })
            : new ProjectionRunner({
                projection,
                store,
                redis,
                keyPrefix: config.REDIS_KEY_PREFIX,
                batchSize: 5000,
              });
        await rebuildWithProgress(runner, Number(rows[0].n));
      }
    } finally {
      redis.disconnect();
    }
    return 0;
  } finally {
    await pool.end();
  }
}
