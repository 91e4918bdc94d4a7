import { randomUUID } from 'crypto';
import { Admin, IHeaders, Kafka, KafkaMessage, Message, Partitioners } from 'kafkajs';
import {
  DEAD_LETTER_REASONS,
  DLQ_HEADERS,
  DeadLetterReason,
  HEADERS,
  REPLAYED_FROM_HEADER,
  dlqTopicName,
} from '@inventory/contracts';

export interface ReplayDeadLettersOptions {
  kafka: Kafka;
  admin: Admin;
  /** The logical topic whose `<topic>.dlq` is replayed, e.g. `commerce.orders.v1`. */
  topic: string;
  topicPrefix: string;
  /** List what would be replayed; publish nothing and record no progress. */
  dryRun?: boolean;
  /** Only dead letters whose `dlq-reason` header is this; the others stay for a later replay. */
  reason?: DeadLetterReason;
  log?: (line: string) => void;
  /** Give up when no batch arrives for this long (default 30 s). */
  idleTimeoutMs?: number;
}

export interface ReplayReport {
  /** Dead letters in the replayed range. */
  total: number;
  /** Republished to the original topic (0 in a dry run). */
  replayed: number;
  /**
   * Passed over: with `reason`, dead letters of other reasons; without it, dead letters that an
   * earlier replay with their reason already republished.
   */
  skipped: number;
  byReason: Record<string, number>;
}

/** Consumer group whose committed offsets on each `.dlq` topic mark what was replayed. */
export const DEAD_LETTER_REPLAY_GROUP = 'dead-letter-replay';

/** The progress group of replays of one reason (`--reason`): `dead-letter-replay.<reason>`. */
export function reasonReplayGroup(progressGroup: string, reason: DeadLetterReason): string {
  return `${progressGroup}.${reason}`;
}

const DLQ_HEADER_NAMES = new Set<string>([...Object.values(DLQ_HEADERS), REPLAYED_FROM_HEADER]);

/**
 * Republishes the dead letters of one topic to that topic, with their key, value and headers
 * (event id included, so idempotent consumers apply each at most once) minus the `dlq-*`
 * headers, plus `dlq-replayed-from`. It replays what was in `<topic>.dlq` when it started,
 * from where the previous replay stopped: progress is the committed offset of the consumer
 * group `<prefix>dead-letter-replay`, committed after each batch is acknowledged (acks=all), so
 * a replay that dies part-way repeats at most one batch. A message that fails again is
 * dead-lettered again, at a new offset, for a later replay. Run one replay per topic at a time.
 *
 * With `reason`, only dead letters of that reason are republished, and progress goes to the
 * group `<prefix>dead-letter-replay.<reason>`: the others are left for a later replay, which
 * passes over what a replay of their reason already republished. So no dead letter is
 * republished twice, and none is lost, whatever the mix of filtered and unfiltered replays.
 */
export async function replayDeadLetters(options: ReplayDeadLettersOptions): Promise<ReplayReport> {
  const { kafka, admin, topic, topicPrefix, dryRun = false, reason } = options;
  const log = options.log ?? (() => undefined);
  const dlq = topicPrefix + dlqTopicName(topic);
  const target = topicPrefix + topic;
  const allGroup = topicPrefix + DEAD_LETTER_REPLAY_GROUP;
  const progressGroup = reason ? reasonReplayGroup(allGroup, reason) : allGroup;
  const { plan, doneByReason } = await replayPlan(admin, allGroup, dlq);
  if (reason) {
    // A filtered replay starts after both the unfiltered progress and its own.
    for (const [partition, range] of plan) {
      const own = doneByReason.get(reason)?.get(partition) ?? 0n;
      if (own > range.start) range.start = own;
      if (range.start >= range.end) plan.delete(partition);
    }
  }
  const report: ReplayReport = { total: 0, replayed: 0, skipped: 0, byReason: {} };
  if (plan.size === 0) {
    log(`${dlq}: nothing to replay${reason ? ` (reason ${reason})` : ''}`);
    return report;
  }
  /** Whether a dead letter in the plan is republished by this run. */
  const selected = (m: KafkaMessage, partition: number): boolean => {
    const why = header(m.headers, DLQ_HEADERS.reason);
    if (reason) return why === reason;
    const doneBefore = doneByReason.get(why as DeadLetterReason)?.get(partition);
    return doneBefore === undefined || BigInt(m.offset) >= doneBefore;
  };
  // A dry run reads with a throwaway group, so the progress groups are never touched.
  const groupId = dryRun ? `${allGroup}-dry-run-${randomUUID()}` : progressGroup;
  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false });
  const producer = kafka.producer({
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  let finish: (err?: Error) => void = () => undefined;
  const finished = new Promise<void>((resolve, reject) => {
    finish = (err) => (err ? reject(err) : resolve());
  });
  const idleMs = options.idleTimeoutMs ?? 30000;
  let idle = setTimeout(() => undefined, 0);
  const resetIdle = () => {
    clearTimeout(idle);
    idle = setTimeout(
      () =>
        finish(
          new Error(
            `${dlq}: no progress for ${idleMs} ms (${[...plan.keys()].length} partitions left; is another replay running?)`,
          ),
        ),
      idleMs,
    );
  };
  try {
    await consumer.connect();
    if (!dryRun) await producer.connect();
    await consumer.subscribe({ topic: dlq, fromBeginning: true });
    resetIdle();
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, heartbeat }) => {
        const range = plan.get(batch.partition);
        if (!range) return;
        resetIdle();
        const inRange = batch.messages.filter((m) => {
          const offset = BigInt(m.offset);
          return offset >= range.start && offset < range.end;
        });
        const todo = inRange.filter((m) => selected(m, batch.partition));
        report.skipped += inRange.length - todo.length;
        if (todo.length > 0 && !dryRun) {
          await producer.send({
            topic: target,
            acks: -1,
            messages: todo.map((m) => replayed(m, dlq, batch.partition)),
          });
        }
        for (const m of todo) {
          const why = header(m.headers, DLQ_HEADERS.reason) ?? 'unknown';
          report.total++;
          report.byReason[why] = (report.byReason[why] ?? 0) + 1;
          if (!dryRun) report.replayed++;
          log(describe(m, dlq, batch.partition, dryRun ? 'would replay' : 'replayed'));
        }
        // Progress covers the skipped ones too: this run's group has no more to do with them.
        const last = inRange[inRange.length - 1];
        if (last && !dryRun) {
          await consumer.commitOffsets([
            {
              topic: dlq,
              partition: batch.partition,
              offset: (BigInt(last.offset) + 1n).toString(),
            },
          ]);
        }
        await heartbeat();
        const reached = batch.messages.length > 0 && BigInt(batch.lastOffset()) >= range.end - 1n;
        if (reached) {
          plan.delete(batch.partition);
          if (plan.size === 0) finish();
        }
      },
    });
    // Start each partition where the plan does (the dry run's group has no offsets of its own).
    for (const [partition, { start }] of plan)
      consumer.seek({ topic: dlq, partition, offset: start.toString() });
    await finished;
  } finally {
    clearTimeout(idle);
    await consumer.disconnect().catch(() => undefined);
    await producer.disconnect().catch(() => undefined);
    if (dryRun) await admin.deleteGroups([groupId]).catch(() => undefined);
  }
  const reasons = Object.entries(report.byReason)
    .map(([why, n]) => `${why} ${n}`)
    .join(', ');
  const skipped =
    report.skipped === 0
      ? ''
      : reason
        ? `; ${report.skipped} skipped (reason not ${reason})`
        : `; ${report.skipped} skipped (replayed before with --reason)`;
  log(
    `${dlq}: ${dryRun ? `${report.total} would be replayed` : `${report.replayed} replayed`} to ${target} (${reasons})${skipped}`,
  );
  return report;
}

type Offsets = Map<number, bigint>;

/**
 * Per partition with something left: from the unfiltered progress group's offset to the end
 * offset now; and per reason, how far replays of that reason got.
 */
async function replayPlan(
  admin: Admin,
  allGroup: string,
  dlq: string,
): Promise<{
  plan: Map<number, { start: bigint; end: bigint }>;
  doneByReason: Map<DeadLetterReason, Offsets>;
}> {
  const ends = await admin.fetchTopicOffsets(dlq);
  const done = await committedOffsets(admin, allGroup, dlq);
  const doneByReason = new Map<DeadLetterReason, Offsets>();
  for (const why of DEAD_LETTER_REASONS)
    doneByReason.set(why, await committedOffsets(admin, reasonReplayGroup(allGroup, why), dlq));
  const plan = new Map<number, { start: bigint; end: bigint }>();
  for (const { partition, low, high } of ends) {
    const from = done.get(partition);
    const start = from !== undefined && from > BigInt(low) ? from : BigInt(low);
    if (start < BigInt(high)) plan.set(partition, { start, end: BigInt(high) });
  }
  return { plan, doneByReason };
}

/** A group's committed offsets on one topic (partitions without one are left out). */
async function committedOffsets(admin: Admin, groupId: string, topic: string): Promise<Offsets> {
  const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
  const offsets: Offsets = new Map();
  for (const { partition, offset } of committed?.partitions ?? [])
    if (offset !== '-1') offsets.set(partition, BigInt(offset));
  return offsets;
}

function replayed(m: KafkaMessage, dlq: string, partition: number): Message {
  const headers: IHeaders = {};
  for (const [name, value] of Object.entries(m.headers ?? {}))
    if (!DLQ_HEADER_NAMES.has(name) && value !== undefined) headers[name] = value;
  headers[REPLAYED_FROM_HEADER] = `${dlq}:${partition}:${m.offset}`;
  return { key: m.key, value: m.value, headers };
}

function header(headers: IHeaders | undefined, name: string): string | undefined {
  const value = headers?.[name];
  if (value === undefined) return undefined;
  return (Array.isArray(value) ? value[0] : value)?.toString();
}

function describe(m: KafkaMessage, dlq: string, partition: number, verb: string): string {
  const h = (name: string) => header(m.headers, name) ?? '-';
  // Outside producers put type and event id in the value (`type`, `event_id`), not in headers.
  const body = bodyFields(m.value);
  return [
    `${verb} ${dlq}[${partition}]@${m.offset}`,
    `key=${m.key?.toString() ?? '-'}`,
    `reason=${h(DLQ_HEADERS.reason)}`,
    `type=${header(m.headers, HEADERS.eventType) ?? body.type ?? '-'}`,
    `event-id=${header(m.headers, HEADERS.eventId) ?? body.event_id ?? '-'}`,
    `error=${h(DLQ_HEADERS.error).slice(0, 200)}`,
  ].join(' ');
}

function bodyFields(value: Buffer | null): { type?: string; event_id?: string } {
  if (!value || value.length > 65536) return {};
  try {
    const parsed = JSON.parse(value.toString()) as Record<string, unknown>;
    const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
    return { type: text(parsed?.type), event_id: text(parsed?.event_id) };
  } catch {
    return {};
  }
}
