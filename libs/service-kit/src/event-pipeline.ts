import { Inject, Injectable, Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { Kafka } from 'kafkajs';
import { Pool } from 'pg';
import { ServiceConfig } from '@inventory/config';
import { SharedReads, type EventStore } from '@inventory/event-store';
import { OutboxRelay, RelayRoute } from '@inventory/messaging';
import {
  PgProjection,
  PgProjectionRunner,
  Projection,
  ProjectionRunner,
} from '@inventory/read-models';
import { EVENT_STORE, KAFKA, PG_POOL, REDIS, SERVICE_CONFIG, SERVICE_NAME } from './tokens';

export const EVENT_PIPELINE_OPTIONS = Symbol('EVENT_PIPELINE_OPTIONS');

/** The relay's page, and that of the projections that share its reads. */
const RELAY_PAGE = 500;

export interface EventPipelineOptions {
  /** Categories of this service's streams and the topic each is published on. */
  relayRoutes?: RelayRoute[];
  /** Redis read models this service keeps from its own event store. */
  projections?: Projection[];
  /** PostgreSQL read models (for searches Redis cannot index). */
  pgProjections?: PgProjection[];
}

/** What the pipeline and the CLI need of either kind of projection runner. */
export type AnyProjectionRunner = ProjectionRunner | PgProjectionRunner;

/**
 * A service's event flow after a command commits: the outbox relay publishes its events to Kafka
 * and projection runners apply them to Redis. Started after boot, stopped before connections close.
 */
@Injectable()
export class EventPipeline {
  private readonly logger = new Logger(EventPipeline.name);
  private outboxRelay?: OutboxRelay;
  /** The store as the relay and the runners read it: overlapping identical reads shared. */
  private readonly reads: SharedReads;
  readonly runners = new Map<string, AnyProjectionRunner>();

  constructor(
    @Inject(EVENT_PIPELINE_OPTIONS) private readonly options: EventPipelineOptions,
    @Inject(SERVICE_NAME) private readonly service: string,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(KAFKA) private readonly kafka: Kafka,
  ) {
    const onError = (name: string) => (err: unknown) =>
      this.logger.error(`projection ${name}: ${(err as Error).message}`);
    this.reads = new SharedReads(store);
    const relayed = [...new Set((options.relayRoutes ?? []).map((r) => r.category))];
    for (const projection of options.projections ?? []) {
      const keyPrefix = config.REDIS_KEY_PREFIX;
      // A projection of relayed categories reads what the relay reads, page for page, so that
      // after an append the two share one read (SharedReads).
      const sharing =
        projection.categories.length > 0 && projection.categories.every((c) => relayed.includes(c));
      this.runners.set(
        projection.name,
        new ProjectionRunner({
          projection,
          store: this.reads,
          redis,
          keyPrefix,
          onError: onError(projection.name),
          ...(sharing ? { readCategories: relayed, batchSize: RELAY_PAGE } : {}),
        }),
      );
    }
    for (const projection of options.pgProjections ?? []) {
      this.runners.set(
        projection.name,
        new PgProjectionRunner({ projection, store, pool, onError: onError(projection.name) }),
      );
    }
  }

  /** The outbox relay, once started (services without relay routes have none). */
  get relay(): OutboxRelay | undefined {
    return this.outboxRelay;
  }

  runner(name: string): AnyProjectionRunner {
    const runner = this.runners.get(name);
    if (!runner) throw new Error(`no projection named ${name}`);
    return runner;
  }

  async start(): Promise<void> {
    if (this.options.relayRoutes?.length) {
      this.outboxRelay = new OutboxRelay({
        // A relay publishes to its deployment's prefixed topics, so deployments sharing a database
        // (test runs, tenants) must not share its leader lock or checkpoint.
        name: `${this.config.KAFKA_TOPIC_PREFIX}${this.service}`,
        store: this.reads,
        batchSize: RELAY_PAGE,
        pool: this.pool,
        kafka: this.kafka,
        topicPrefix: this.config.KAFKA_TOPIC_PREFIX,
        routes: this.options.relayRoutes,
        onError: (err) => this.logger.error(`relay: ${(err as Error).message}`),
      });
      await this.outboxRelay.start();
    }
    for (const runner of this.runners.values()) runner.start();
  }

  /** Call after an append: wakes the relay and runners instead of waiting for their next poll. */
  notify(): void {
    // Before the wakes: their reads must not join one that started before this append.
    this.reads.announce();
    this.outboxRelay?.notify();
    for (const runner of this.runners.values()) runner.notify();
  }

  async stop(): Promise<void> {
    await Promise.all([...this.runners.values()].map((r) => r.stop()));
    await this.outboxRelay?.stop();
  }
}
