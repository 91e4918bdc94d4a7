import { Admin } from 'kafkajs';
import { TopicSpec, allTopicSpecs } from '@inventory/contracts';

/**
 * Creates every declared topic (and its dead-letter twin) that does not exist yet. Safe to run
 * from every service at once: "already exists" is success. Existing topics are left alone, but a
 * partition count lower than declared is reported, since keys would hash differently.
 */
export async function ensureTopics(
  admin: Admin,
  prefix = '',
  specs: TopicSpec[] = allTopicSpecs(),
): Promise<{ created: string[]; mismatched: string[] }> {
  const existing = new Set(await admin.listTopics());
  const missing = specs.filter((s) => !existing.has(prefix + s.name));
  if (missing.length > 0) {
    // kafkajs' own waitForLeaders gives up when metadata briefly says "unknown topic" right after
    // creation (seen with concurrent creators), so create, then wait for leaders here.
    await admin.createTopics({
      waitForLeaders: false,
      topics: missing.map((s) => ({
        topic: prefix + s.name,
        numPartitions: s.partitions,
        replicationFactor: -1,
      })),
    });
    await waitForLeaders(
      admin,
      missing.map((s) => prefix + s.name),
    );
  }
  const present = specs.filter((s) => existing.has(prefix + s.name));
  const mismatched: string[] = [];
  if (present.length > 0) {
    const meta = await admin.fetchTopicMetadata({ topics: present.map((s) => prefix + s.name) });
    for (const topic of meta.topics) {
      const spec = present.find((s) => prefix + s.name === topic.name);
      if (spec && topic.partitions.length !== spec.partitions) mismatched.push(topic.name);
    }
  }
  return { created: missing.map((s) => prefix + s.name), mismatched };
}

const RETRIABLE = new Set(['UNKNOWN_TOPIC_OR_PARTITION', 'LEADER_NOT_AVAILABLE']);

async function waitForLeaders(admin: Admin, topics: string[], timeoutMs = 30000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const meta = await admin.fetchTopicMetadata({ topics });
      if (
        meta.topics.every(
          (t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0),
        )
      )
        return;
    } catch (err) {
      if (!RETRIABLE.has((err as { type?: string }).type ?? '')) throw err;
    }
    if (Date.now() > deadline)
      throw new Error(`topics have no leader after ${timeoutMs} ms: ${topics.join(', ')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
