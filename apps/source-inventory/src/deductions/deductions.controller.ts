import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { TOPICS } from '@inventory/contracts';
import { InboundMessage, KafkaHandler } from '@inventory/messaging';
import { DeductionsApp } from './deductions.app';
import { DeductSourceItemsDto, RestockSourceItemsDto } from './source-command.dto';

/** Deduction and restock commands from Kafka, and the outcome of a shipment's deduction over HTTP. */
@ApiTags('source deductions')
@Controller('V1/inventory/source-deductions')
export class DeductionsController {
  constructor(private readonly app: DeductionsApp) {}

  @KafkaHandler(TOPICS.sourceCommands.name, {
    types: {
      deduct_source_items: DeductSourceItemsDto,
      restock_source_items: RestockSourceItemsDto,
    },
    maxAttempts: 8,
  })
  async handle(
    message: InboundMessage<DeductSourceItemsDto | RestockSourceItemsDto>,
  ): Promise<void> {
    const command = message.payload;
    if (command.type === 'deduct_source_items') await this.app.deduct(command);
    else await this.app.restock(command);
  }

  @Get(':shipmentId')
  @ApiOperation({ summary: "The outcome of a shipment's deduction (completed or rejected)" })
  async outcome(@Param('shipmentId') shipmentId: string) {
    const outcome = await this.app.outcome(shipmentId);
    if (!outcome)
      throw new NotFoundException(`No deduction for shipment "${shipmentId}" has been processed.`);
    return {
      status: outcome.type === 'source_deduction_completed' ? 'completed' : 'rejected',
      ...outcome.data,
    };
  }
}
