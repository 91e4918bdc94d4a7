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
  let lag = 0;
  const committed = await admin.fetchOffsets({ groupId, topics });
  for (const { topic, partitions } of committed) {
    const ends = await admin.fetchTopicOffsets(topic);
    for (const end of ends) {
      const c = partitions.find((p) => p.partition === end.partition);
      const done = c && c.offset !== '-1' ? BigInt(c.offset) : BigInt(end.low);
      lag += Number(BigInt(end.high) - done);
    }
  }
  return lag;
}
