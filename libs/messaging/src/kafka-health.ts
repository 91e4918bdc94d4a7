import { Admin } from 'kafkajs';

/** Readiness probe: the broker answers a metadata request within the timeout. */
export async function pingKafka(
  admin: Admin,
  timeoutMs = 2000,
): Promise<{ brokers: number; controller: number | null }> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const cluster = await Promise.race([
      admin.describeCluster(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`Kafka did not answer within ${timeoutMs} ms`)),
          timeoutMs,
        );
      }),
    ]);
    return { brokers: cluster.brokers.length, controller: cluster.controller };
  } finally {
    clearTimeout(timer);
  }
}

/** Sum of (end offset - committed offset) over every partition of the group's topics. */
export async function consumerGroupLag(
  admin: Admin,
  groupId: string,
  topics: string[],
): Promise<number> {
  const lags = await consumerGroupLagByTopic(admin, groupId, topics);
  return lags.reduce((sum, { lag }) => sum + lag, 0);
}

/**
 * Per topic, the sum over its partitions of (end offset - the group's committed offset); a
 * partition the group never committed counts from its low watermark (consumers start from the
 * beginning). One OffsetFetch for the group plus one ListOffsets per topic, so it sees every
 * partition, whichever replica owns it or if none does.
 */
export async function consumerGroupLagByTopic(
  admin: Admin,
  groupId: string,
  topics: string[],
): Promise<Array<{ topic: string; lag: number }>> {
  const committed = await admin.fetchOffsets({ groupId, topics });
  return Promise.all(
    committed.map(async ({ topic, partitions }) => {
      let lag = 0n;
      for (const end of await admin.fetchTopicOffsets(topic)) {
        const c = partitions.find((p) => p.partition === end.partition);
        const done = c && c.offset !== '-1' ? BigInt(c.offset) : BigInt(end.low);
        if (BigInt(end.high) > done) lag += BigInt(end.high) - done;
      }
      return { topic, lag: Number(lag) };
    }),
  );
}
