import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { HealthIndicatorResult } from '@nestjs/terminus';
import { Admin } from 'kafkajs';
import type { Backlog } from '@inventory/event-store';
import {
  GaugeSample,
  pipelineMetrics,
  readinessMetrics,
  sharedScrape,
} from '@inventory/observability';
import { EventPipeline } from './event-pipeline';
import { ConsumerHolder, DependencyIndicators } from './health.indicators';
import { ShutdownState } from './shutdown-state';
import { KAFKA_ADMIN } from './tokens';
import { consumerMetrics } from '@inventory/messaging';

/**
 * Registers the service's scrape-time gauges: relay and projection lag (event store vs their
 * checkpoints), consumer lag per topic (broker offsets) and readiness. Sources look the relay,
 * runners and consumer up at scrape time, since those start after this provider exists.
 */
@Injectable()
export class OperationalMetrics implements OnModuleInit, OnModuleDestroy {
  private readonly untrack: Array<() => void> = [];

  constructor(
    private readonly pipeline: EventPipeline,
    private readonly consumer: ConsumerHolder,
    private readonly deps: DependencyIndicators,
    private readonly shutdown: ShutdownState,
    @Inject(KAFKA_ADMIN) private readonly admin: Admin,
  ) {}

  onModuleInit(): void {
    const relayLag = sharedScrape(async () => {
      const relay = this.pipeline.relay;
      return relay ? [{ relay: relay.name, lag: await relay.lag() }] : [];
    });
    const projectionLags = sharedScrape(() =>
      Promise.all(
        [...this.pipeline.runners.values()].map(async (r) => ({
          name: r.name,
          lag: await r.lag(),
        })),
      ),
    );
    const readiness = sharedScrape(() => this.readiness());
    const { relayLagEvents, relayLagSeconds, projectionLagEvents, projectionLagSeconds } =
      pipelineMetrics;
    this.untrack.push(
      relayLagEvents.track(async () =>
        (await relayLag()).map(({ relay, lag }) => ({ labels: { relay }, value: lag.events })),
      ),
      relayLagSeconds.track(async () =>
        (await relayLag()).map(({ relay, lag }) => sample({ relay }, lag, 'seconds')),
      ),
      projectionLagEvents.track(async () =>
        (await projectionLags()).map(({ name, lag }) =>
          sample({ projection: name }, lag, 'events'),
        ),
      ),
      projectionLagSeconds.track(async () =>
        (await projectionLags()).map(({ name, lag }) =>
          sample({ projection: name }, lag, 'seconds'),
        ),
      ),
      consumerMetrics.lag.track(async () => this.consumer.server?.lagSamples(this.admin) ?? []),
      readinessMetrics.ready.track(async () => [
        { labels: {}, value: (await readiness()).ready ? 1 : 0 },
      ]),
      readinessMetrics.dependencyUp.track(async () => (await readiness()).dependencies),
    );
  }

  onModuleDestroy(): void {
    for (const untrack of this.untrack.splice(0)) untrack();
  }

  /** The checks of GET /health/ready, and the drain, as gauge samples. */
  private async readiness(): Promise<{ ready: boolean; dependencies: GaugeSample[] }> {
    const results: HealthIndicatorResult[] = await Promise.all([
      this.deps.postgres(),
      this.deps.redisCheck(),
      this.deps.kafka(),
      this.deps.kafkaConsumer(),
    ]);
    const dependencies = results.flatMap((result) =>
      Object.entries(result).map(([dependency, { status }]) => ({
        labels: { dependency },
        value: status === 'up' ? 1 : 0,
      })),
    );
    const ready = !this.shutdown.isDraining() && dependencies.every((d) => d.value === 1);
    return { ready, dependencies };
  }
}

function sample(
  labels: Record<string, string>,
  lag: Backlog,
  unit: 'events' | 'seconds',
): GaugeSample {
  return { labels, value: unit === 'events' ? lag.events : lag.oldestAgeSeconds };
}
