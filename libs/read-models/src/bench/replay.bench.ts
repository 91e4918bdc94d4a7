import { randomUUID } from 'crypto';
import Redis from 'ioredis';
import type { EventStore, RecordedEvent } from '@inventory/event-store';
import { Projection, ProjectionKeys } from '../projection';
import { ProjectionRunner } from '../projection-runner';
import { RedisWrite } from '../redis-ops';

/** A salable-quantity-like projection: one hash field increment per event plus a per-SKU key. */
export const benchProjection: Projection = {
  name: 'bench-levels',
  categories: ['benchlevel'],
  project(event: RecordedEvent, keys: ProjectionKeys): RedisWrite[] {
    const { sku, delta } = event.data as { sku: string; delta: string };
    return [
      { op: 'HINCRBYFLOAT', key: keys.key('qty'), args: [sku, delta] },
      { op: 'SET', key: keys.key('last', sku), args: [event.eventId] },
    ];
  },
};

/** Appends `events` events in batches of 100 over `streams` streams (setup, not measured). */
export async function seedReplayEvents(
  store: EventStore,
  events: number,
  streams = 1000,
  workers = 4,
): Promise<void> {
  const perBatch = 100;
  const batches = Math.ceil(events / perBatch);
  // Worker w owns the streams s with s % workers === w, so appends never conflict.
  const worker = async (w: number): Promise<void> => {
    const versions = new Map<number, number>();
    for (let b = w; b < batches; b += workers) {
      const s = (b % Math.floor(streams / workers)) * workers + w;
      const result = await store.appendToStream(
        `benchlevel-${s}`,
        Array.from({ length: Math.min(perBatch, events - b * perBatch) }, (_, i) => ({
          eventId: randomUUID(),
          type: 'level_changed',
          data: { sku: `SKU-${(b * perBatch + i) % 5000}`, delta: i % 3 === 0 ? '-1' : '2' },
        })),
        versions.has(s) ? versions.get(s)! : 'no_stream',
      );
      versions.set(s, result.nextExpectedVersion);
    }
  };
  await Promise.all(Array.from({ length: workers }, (_, w) => worker(w)));
}

/** Rebuilds the projection from the event store and reports events per second. */
export async function runReplayBench(
  store: EventStore,
  redis: Redis,
  keyPrefix: string,
): Promise<{ events: number; seconds: number; eventsPerSecond: number }> {
  const runner = new ProjectionRunner({
    projection: benchProjection,
    store,
    redis,
    keyPrefix,
    batchSize: 2000,
  });
  const started = process.hrtime.bigint();
  const events = await runner.rebuild();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { events, seconds, eventsPerSecond: events / seconds };
}
