import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheck, HealthCheckResult, HealthCheckService } from '@nestjs/terminus';
import { ApiTags } from '@nestjs/swagger';
import { DependencyIndicators } from './health.indicators';
import { ShutdownState } from './shutdown-state';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly deps: DependencyIndicators,
    private readonly shutdown: ShutdownState,
  ) {}

  /** Liveness: the process answers. Dependencies are not checked, so an outage never restarts pods. */
  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Readiness: PostgreSQL, Redis and Kafka answer, the consumer runs, and we are not draining. */
  @Get('ready')
  @HealthCheck()
  ready(): Promise<HealthCheckResult> {
    if (this.shutdown.isDraining()) {
      throw new ServiceUnavailableException({
        status: 'error',
        error: { shutdown: { status: 'down', message: 'draining' } },
      });
    }
    return this.health.check([
      () => this.deps.postgres(),
      () => this.deps.redisCheck(),
      () => this.deps.kafka(),
      () => this.deps.kafkaConsumer(),
    ]);
  }

  @Get()
  @HealthCheck()
  summary(): Promise<HealthCheckResult> {
    return this.ready();
  }
}
