import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { redisTlsOptions } from '@inventory/config';
import type { NearCache } from '@inventory/read-models';
import { startSalableCache, type SalableCacheHandle } from '@inventory/salable-read';
import { RedisKeys, SERVICE_CONFIG } from '@inventory/service-kit';
import type { SalabilityInput } from '../domain';
import type { StockAggregationConfig } from '../config';

/** The process's salability cache (libs/salable-read), sized by SALABLE_CACHE_ENTRIES. */
@Injectable()
export class SalableCache implements OnModuleDestroy {
  private readonly logger = new Logger(SalableCache.name);
  private readonly handle: SalableCacheHandle | undefined;

  constructor(@Inject(SERVICE_CONFIG) config: StockAggregationConfig, keys: RedisKeys) {
    this.handle = startSalableCache({
      redisUrl: config.REDIS_URL,
      redisOptions: redisTlsOptions(config),
      prefix: keys.prefix,
      capacity: config.SALABLE_CACHE_ENTRIES,
      onError: (err) => this.logger.warn(`salable cache: ${err.message}`),
    });
  }

  get cache(): NearCache<SalabilityInput> | undefined {
    return this.handle?.cache;
  }

  async onModuleDestroy(): Promise<void> {
    await this.handle?.stop();
  }
}
