import { ServiceConfig, loadConfigOrExit } from '@inventory/config';
import { TOPICS } from '@inventory/contracts';
import { replayDeadLetters } from '@inventory/messaging';
import type { ServiceDefinition } from './bootstrap';
import { serviceKafka } from './kafka-client';

export const REPLAY_USAGE = `  replay-dead-letters <topic> [--dry-run]
                          republish <topic>.dlq to <topic> from where the last replay stopped
                          (--dry-run: list them, publish nothing)`;

/**
 * `replay-dead-letters <topic> [--dry-run]`: after the cause of dead letters is fixed and
 * deployed, send them through their topic again (see docs/operations.md). Exit 0 when done,
 * 1 on failure, 2 on usage.
 */
export async function runReplayDeadLetters<C extends ServiceConfig>(
  def: ServiceDefinition<C>,
  args: string[],
): Promise<number> {
  const dryRun = args.includes('--dry-run');
  const rest = args.filter((a) => a !== '--dry-run');
  const known: string[] = Object.values(TOPICS).map((t) => t.name);
  if (rest.length !== 1 || !known.includes(rest[0])) {
    console.error(
      `usage: cli replay-dead-letters <topic> [--dry-run]\n  topics: ${known.join(', ')}`,
    );
    return 2;
  }
  const config = loadConfigOrExit(def.name, def.configSchema);
  // The service's own brokers, TLS and SASL; broker logs at error only, the report is the output.
  const kafka = serviceKafka(config, `${def.name}-dlq-replay`, 'error');
  const admin = kafka.admin();
  await admin.connect();
  try {
    await replayDeadLetters({
      kafka,
      admin,
      topic: rest[0],
      topicPrefix: config.KAFKA_TOPIC_PREFIX,
      dryRun,
      log: (line) => console.log(line),
    });
    return 0;
  } catch (err) {
    console.error(`replay-dead-letters failed: ${(err as Error).message}`);
    return 1;
  } finally {
    await admin.disconnect();
  }
}
