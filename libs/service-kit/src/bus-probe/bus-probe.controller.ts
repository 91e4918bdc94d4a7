import {
  Controller,
  Get,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Post,
} from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'crypto';
import Redis from 'ioredis';
import { TOPICS } from '@inventory/contracts';
import { InboundMessage, KafkaHandler, KafkaPublisher } from '@inventory/messaging';
import { RedisKeys } from '../redis-keys';
import { REDIS, SERVICE_NAME } from '../tokens';
import { BusProbeSentDto } from './bus-probe.dto';

const PROBE_TTL_SECONDS = 3600;

/**
 * Operator check that the bus works end to end: a probe sent by one service over Kafka is
 * recorded by every service that consumes it. Receipts are idempotent (a hash field per service).
 */
@ApiTags('diagnostics')
@Controller('diagnostics/bus-probes')
export class BusProbeController {
  constructor(
    @Inject(SERVICE_NAME) private readonly service: string,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly keys: RedisKeys,
    private readonly publisher: KafkaPublisher,
  ) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({ summary: 'Publish a bus probe; GET it to see which services received it' })
  async send(): Promise<{ probe_id: string }> {
    const probe: BusProbeSentDto = {
      type: 'bus_probe_sent',
      probe_id: randomUUID(),
      sent_by: this.service,
      sent_at: new Date().toISOString(),
    };
    await this.publisher.publish(TOPICS.diagnostics.name, [
      { key: probe.probe_id, value: probe, eventId: probe.probe_id, eventType: probe.type },
    ]);
    return { probe_id: probe.probe_id };
  }

  @Get(':probeId')
  async status(
    @Param('probeId', ParseUUIDPipe) probeId: string,
  ): Promise<{ probe_id: string; received_by: Record<string, string> }> {
    const receivedBy = await this.redis.hgetall(this.keys.key('diagnostics', 'probe', probeId));
    if (Object.keys(receivedBy).length === 0)
      throw new NotFoundException(`No service has received probe ${probeId} yet`);
    return { probe_id: probeId, received_by: receivedBy };
  }

  @KafkaHandler(TOPICS.diagnostics.name, { types: { bus_probe_sent: BusProbeSentDto } })
  async received(message: InboundMessage<BusProbeSentDto>): Promise<void> {
    const key = this.keys.key('diagnostics', 'probe', message.payload.probe_id);
    await this.redis
      .multi()
      .hsetnx(key, this.service, new Date().toISOString())
      .expire(key, PROBE_TTL_SECONDS)
      .exec();
  }
}
