import type { RecordedEvent } from '@inventory/event-store';
import { RedisWrite } from './redis-ops';

/** A Redis read model fed from the event store. */
export interface Projection {
  /** Stable name: part of every key and of the checkpoint key. */
  name: string;
  /** Stream categories it reads. */
  categories: readonly string[];
  /** Writes for one event; keys come from `keys`, so they stay under the projection's namespace. */
  project(event: RecordedEvent, keys: ProjectionKeys): RedisWrite[];
}

/** `<prefix>rm:<projection>:<parts...>`; everything a projection owns matches `<prefix>rm:<projection>:*`. */
export class ProjectionKeys {
  constructor(
    readonly prefix: string,
    readonly projection: string,
  ) {}

  key(...parts: Array<string | number>): string {
    return `${this.namespace}${parts.join(':')}`;
  }

  get namespace(): string {
    return `${this.prefix}rm:${this.projection}:`;
  }

  get checkpointKey(): string {
    return `${this.prefix}rm-checkpoint:${this.projection}`;
  }
}
