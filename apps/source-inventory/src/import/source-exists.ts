import type { EventStore } from '@inventory/event-store';
import { sourceStream } from '../domain';

export type SourceExists = (code: string) => Promise<boolean>;

/** A source exists once its stream has an event (`source_created`); sources are never deleted. */
export function sourceExistsInStore(store: EventStore): SourceExists {
  return async (code) => (await store.readStream(sourceStream(code), { maxCount: 1 })).length > 0;
}

// Bounded so that a file full of distinct unknown codes cannot grow the cache without limit;
// a merchant has a handful of sources, so in practice every code is looked up once.
const MAX_CACHED_CODES = 10_000;

/**
 * Looks each code up once per import. Returns the answer synchronously when known, so the
 * per-row path costs no promise.
 */
export function cachedSourceExists(
  lookup: SourceExists,
): (code: string) => boolean | Promise<boolean> {
  const known = new Map<string, boolean>();
  return (code) => {
    const cached = known.get(code);
    if (cached !== undefined) return cached;
    return lookup(code).then((exists) => {
      if (known.size < MAX_CACHED_CODES) known.set(code, exists);
      return exists;
    });
  };
}
