import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type Redis from 'ioredis';
import type { Pool } from 'pg';
import type { EventStore } from '@inventory/event-store';
import { CommandBus, EVENT_STORE, PG_POOL, REDIS, RedisKeys } from '@inventory/service-kit';
import { SALABILITY_KEYS, SALABLE_MODEL_VERSION } from '@inventory/salability';
import { rebuildSalable } from './salable-rebuild';

export { SALABLE_MODEL_VERSION } from '@inventory/salability';

/** Keys of the first layout (one hash per pair with the reservations inside), before versions. */
const LAYOUT_1_PATTERN = 'sa:salable:*';

/**
 * On start, brings a read model written by an older release (keys of an older layout in
 * Redis) up to the current layout by the same recompute as `rebuild-salable`, in the background
 * and on one replica at a time (a Redis lock). Its keys are outside `<prefix>sa:*`, which a rebuild deletes.
 */
@Injectable()
export class SalableModelVersion implements OnApplicationBootstrap {
  private readonly logger = new Logger(SalableModelVersion.name);

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly keys: RedisKeys,
    private readonly bus: CommandBus,
  ) {}

  onApplicationBootstrap(): void {
    void this.upgrade().catch((err: Error) =>
      this.logger.error(`salable read model upgrade failed: ${err.message}`, err.stack),
    );
  }

  async upgrade(): Promise<boolean> {
    const versionKey = SALABILITY_KEYS.modelVersion(this.keys.prefix);
    if ((await this.redis.get(versionKey)) === SALABLE_MODEL_VERSION) return false;
    if (!(await this.hasKeys(`${this.keys.prefix}${LAYOUT_1_PATTERN}`))) {
      // A fresh installation (or one already written in this layout): nothing to convert.
      await this.redis.set(versionKey, SALABLE_MODEL_VERSION);
      return false;
    }
    const lock = this.keys.key('sa-meta', 'model-upgrade-lock');
    if ((await this.redis.set(lock, String(process.pid), 'EX', 600, 'NX')) !== 'OK') return false;
    try {
      this.logger.log(`recomputing the salable read model for layout ${SALABLE_MODEL_VERSION}`);
      const report = await rebuildSalable(
        {
          pool: this.pool,
          redis: this.redis,
          keys: this.keys,
          store: this.store,
          bus: this.bus,
          log: (line) => this.logger.log(line),
        },
        { fromEventStore: false },
      );
      await this.redis.set(versionKey, SALABLE_MODEL_VERSION);
      this.logger.log(
        `salable read model at layout ${SALABLE_MODEL_VERSION} (${report.skus} SKUs)`,
      );
      return true;
    } finally {
      await this.redis.del(lock);
    }
  }

  private async hasKeys(pattern: string): Promise<boolean> {
    const stream = this.redis.scanStream({ match: pattern, count: 1000 });
    for await (const batch of stream) {
      if ((batch as string[]).length > 0) {
        stream.destroy();
        return true;
      }
    }
    return false;
  }
}
