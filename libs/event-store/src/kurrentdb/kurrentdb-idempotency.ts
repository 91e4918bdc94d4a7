import type { KurrentDBClient } from '@kurrent/kurrentdb-client';
import { NO_STREAM_VERSION } from '../port/expected-version';
import { errorType, STREAM_NOT_FOUND } from './kurrentdb-mapping';

/**
 * Looks for event ids among the latest `window` events of a stream (newest first, as a retry
 * follows soon after the original). Returns the ids found and the stream's current version.
 */
export async function findStoredBatch(
  client: KurrentDBClient,
  streamName: string,
  ids: readonly string[],
  window: number,
): Promise<{ found: string[]; currentVersion: number }> {
  const wanted = new Set(ids);
  const found: string[] = [];
  let currentVersion = NO_STREAM_VERSION;
  try {
    for await (const resolved of client.readStream(streamName, {
      direction: 'backwards',
      fromRevision: 'end',
      maxCount: window,
    })) {
      const event = resolved.event;
      if (!event) continue;
      if (currentVersion === NO_STREAM_VERSION) currentVersion = Number(event.revision);
      const id = event.id.toLowerCase();
      if (wanted.has(id)) found.push(id);
      if (found.length === wanted.size) break;
    }
  } catch (error) {
    if (errorType(error) !== STREAM_NOT_FOUND) throw error;
  }
  return { found, currentVersion };
}
