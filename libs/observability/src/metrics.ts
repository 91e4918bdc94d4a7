import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { collectDefaultMetrics, Histogram, register } from 'prom-client';
import { ScrapedGauge } from './scraped-gauge';

let defaultsCollected = false;

/** Process metrics (CPU, RSS, event-loop lag, GC) labelled with the service name. */
export function initMetrics(service: string): void {
  if (defaultsCollected) return;
  register.setDefaultLabels({ service });
  collectDefaultMetrics();
  defaultsCollected = true;
}

export const httpRequestDuration =
  (register.getSingleMetric('http_request_duration_seconds') as Histogram<string>) ??
  new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by method, route template and status code',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  });

/**
 * Event-store append round trips (`operation`: `append` one stream, `append_multi` one
 * multi-stream statement such as a group commit; `outcome`: ok, conflict, error), observed by
 * the PostgreSQL adapter's hook (libs/service-kit wires it).
 */
export const eventStoreAppendDuration =
  (register.getSingleMetric('event_store_append_duration_seconds') as Histogram<string>) ??
  new Histogram({
    name: 'event_store_append_duration_seconds',
    help: 'Event-store append statement round trip by operation and outcome',
    labelNames: ['operation', 'outcome'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  });

const appendChildren = new Map<string, Histogram.Internal<string>>();

/**
 * The PostgreSQL adapter's append observer: one cached child per (operation, outcome), so an
 * append costs a map lookup and an observe.
 */
export function observeEventStoreAppend(operation: string, outcome: string, seconds: number): void {
  const key = operation === 'append' ? outcome : `${operation}:${outcome}`;
  let child = appendChildren.get(key);
  if (!child) {
    child = eventStoreAppendDuration.labels({ operation, outcome });
    appendChildren.set(key, child);
  }
  child.observe(seconds);
}

/** Lags of a service's event pipeline, computed on scrape (see ScrapedGauge and docs/operations.md). */
export const pipelineMetrics = {
  relayLagEvents: ScrapedGauge.define(
    'outbox_relay_lag_events',
    'Events committed to the event store that the outbox relay has not published yet',
    ['relay'],
  ),
  relayLagSeconds: ScrapedGauge.define(
    'outbox_relay_lag_seconds',
    'Age of the oldest event the outbox relay has not published yet (0 when none)',
    ['relay'],
  ),
  projectionLagEvents: ScrapedGauge.define(
    'projection_lag_events',
    'Events committed to the event store that a projection has not applied yet',
    ['projection'],
  ),
  projectionLagSeconds: ScrapedGauge.define(
    'projection_lag_seconds',
    'Age of the oldest event a projection has not applied yet (0 when none)',
    ['projection'],
  ),
};

/** The readiness verdict, computed on scrape with the same checks as GET /health/ready. */
export const readinessMetrics = {
  ready: ScrapedGauge.define(
    'service_ready',
    '1 when the service would answer GET /health/ready with 200, else 0',
    [],
  ),
  dependencyUp: ScrapedGauge.define(
    'service_dependency_up',
    '1 when a readiness dependency (postgres, redis, kafka, kafkaConsumer) answers, else 0',
    ['dependency'],
  ),
};

@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  @Get()
  @Header('Content-Type', register.contentType)
  metrics(): Promise<string> {
    return register.metrics();
  }
}
