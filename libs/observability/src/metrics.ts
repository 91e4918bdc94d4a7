import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { collectDefaultMetrics, Histogram, register } from 'prom-client';

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

@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  @Get()
  @Header('Content-Type', register.contentType)
  metrics(): Promise<string> {
    return register.metrics();
  }
}
