import { Controller } from '@nestjs/common';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsNotEmpty,
  IsString,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { TOPICS } from '@inventory/contracts';
import { InboundMessage, KafkaHandler } from '@inventory/messaging';
import { OrderProcess } from './order-process';

class ShippedLineDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  sku!: string;

  @Type(() => String)
  @Matches(/^\d{1,15}(\.\d{1,4})?$/, {
    message: 'qty must be a positive decimal, 4 places at most',
  })
  qty!: string;
}

/** `shipment_created` of inventory.shipments.v1 (shipment-matching). */
export class ShipmentCreatedDto {
  @IsString()
  @IsNotEmpty()
  order_id!: string;

  @IsInt()
  @Min(1)
  stock_id!: number;

  @IsString()
  @IsNotEmpty()
  shipment_id!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => ShippedLineDto)
  items!: ShippedLineDto[];
}

/**
 * Shipped quantities release their reservation. shipment-matching sends `shipment_created` only
 * once the source deduction is in the stock levels; other types of the topic (an order reported
 * unshippable) change no reservation.
 */
@Controller()
export class ShipmentEventsController {
  constructor(private readonly orders: OrderProcess) {}

  @KafkaHandler(TOPICS.shipments.name, {
    types: { shipment_created: ShipmentCreatedDto },
    unknownTypes: 'ignore',
    keyConcurrency: 64,
  })
  async handle(message: InboundMessage<ShipmentCreatedDto>): Promise<void> {
    const { order_id, shipment_id, items } = message.payload;
    await this.orders.shipped(
      order_id,
      shipment_id,
      items.map((i) => ({ sku: i.sku, qty: Number(i.qty) })),
    );
  }
}
