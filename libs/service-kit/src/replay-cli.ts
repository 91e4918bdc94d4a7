import { ServiceConfig, loadConfigOrExit } from '@inventory/config';
import { DEAD_LETTER_REASONS, DeadLetterReason, TOPICS } from '@inventory/contracts';
import { replayDeadLetters } from '@inventory/messaging';
import type { ServiceDefinition } from './bootstrap';
import { serviceKafka } from './kafka-client';

export const REPLAY_USAGE = `  replay-dead-letters <topic> [--dry-run] [--reason <reason>]
                          republish <topic>.dlq to <topic> from where the last replay stopped
                          (--dry-run: list them, publish nothing; --reason: only dead letters
                          of that reason: ${DEAD_LETTER_REASONS.join(', ')})`;

interface ReplayArgs {
  topic: string;
  dryRun: boolean;
  reason?: DeadLetterReason;
}

/** The arguments, or the problem to print with the usage. */
function parseArgs(args: string[]): ReplayArgs | string {
  const known: string[] = Object.values(TOPICS).map((t) => t.name);
  const rest: string[] = [];
  let dryRun = false;
  let reason: DeadLetterReason | undefined;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--dry-run') dryRun = true;
    else if (args[i] === '--reason') {
      const value = args[++i];
      if (!(DEAD_LETTER_REASONS as readonly string[]).includes(value ?? ''))
        return `--reason needs one of ${DEAD_LETTER_REASONS.join(', ')}`;
      reason = value as DeadLetterReason;
    } else rest.push(args[i]);
  }
  if (rest.length !== 1 || !known.includes(rest[0])) return `topics: ${known.join(', ')}`;
  return { topic: rest[0], dryRun, reason };
}

/**
 * `replay-dead-letters <topic> [--dry-run] [--reason <reason>]`: after the cause of dead letters
 * is fixed and deployed, send them through their topic again (see docs/operations.md). Exit 0
 * when done, 1 on failure, 2 on usage.
 */
export async function runReplayDeadLetters<C extends ServiceConfig>(
  def: ServiceDefinition<C>,
  args: string[],
): Promise<number> {
  const parsed = parseArgs(args);
  if (typeof parsed === 'string') {
    console.error(
      `usage: cli replay-dead-letters <topic> [--dry-run] [--reason <reason>]\n  ${parsed}`,
    );
    return 2;
  }
  const config = loadConfigOrExit(def.name, def.configSchema);
  // The service's own brokers, TLS and SASL; broker logs at error only, the report is the output.
  const kafka = serviceKafka(config, `${def.name}-dlq-replay`, 'error');
  const admin = kafka.admin();
  try {
    await admin.connect();
    await replayDeadLetters({
      kafka,
      admin,
      topic: parsed.topic,
      topicPrefix: config.KAFKA_TOPIC_PREFIX,
      dryRun: parsed.dryRun,
      reason: parsed.reason,
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
