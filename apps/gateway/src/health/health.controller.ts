import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { UpstreamClient } from '../upstream-client';

@ApiTags('health')
@Controller('health')
export class GatewayHealthController {
  constructor(private readonly upstream: UpstreamClient) {}

  @Get()
  @ApiOperation({
    summary: 'Aggregated readiness of every service and its dependencies (503 if any is down)',
  })
  async aggregated(@Res() reply: FastifyReply): Promise<void> {
    const answers = await this.upstream.getAll('/health/ready');
    const services = Object.fromEntries(
      answers.map((a) => [
        a.service,
        {
          status: a.ok ? 'up' : 'down',
          ...(a.error ? { error: a.error } : {}),
          details: (a.body as { details?: unknown })?.details ?? a.body,
        },
      ]),
    );
    const allUp = answers.every((a) => a.ok);
    reply.status(allUp ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).send({
      status: allUp ? 'ok' : 'error',
      gateway: { status: 'up' },
      services,
    });
  }

  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** The gateway itself can route; upstream outages show in /health, not here, so it is not evicted. */
  @Get('ready')
  ready(): { status: 'ok' } {
    return { status: 'ok' };
  }
}
