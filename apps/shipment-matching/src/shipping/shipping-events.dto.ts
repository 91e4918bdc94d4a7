import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { DestinationAddressDto } from '../selection/selection.dto';

const QTY = /^\d{1,15}(\.\d{1,4})?$/;

export class LineDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  sku!: string;

  @Type(() => String)
  @Matches(QTY, { message: 'qty must be a positive decimal with at most 4 decimal places' })
  qty!: string;
}

const Lines = () => (target: object, key: string) => {
  IsArray()(target, key);
  ArrayMinSize(1)(target, key);
  ArrayMaxSize(1000)(target, key);
  ValidateNested({ each: true })(target, key);
  Type(() => LineDto)(target, key);
};

/** `order_inventory_reserved` of inventory.order-outcomes.v1. */
export class OrderReservedDto {
  @IsString()
  @IsNotEmpty()
  order_id!: string;

  @IsInt()
  @Min(1)
  stock_id!: number;

  @Lines()
  lines!: LineDto[];

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => DestinationAddressDto)
  shipping_address?: DestinationAddressDto;
}

class RequestedOrderDto {
  @IsString()
  @IsNotEmpty()
  id!: string;

  @IsString()
  @IsNotEmpty()
  source_code!: string;

  @Lines()
  items!: LineDto[];
}

/** `shipment_requested` of commerce.orders.v1: the platform names the source. */
export class ShipmentRequestedDto {
  @IsString()
  event_id!: string;

  @ValidateNested()
  @Type(() => RequestedOrderDto)
  order!: RequestedOrderDto;
}

/** `shipment_dispatched` of shipping.events.v1 (partial quantities allowed). */
export class ShipmentDispatchedDto {
  @IsString() @IsNotEmpty() @MaxLength(128) shipment_id!: string;
  @IsString() @IsNotEmpty() shipment_request_id!: string;
  @IsString() @IsNotEmpty() order_id!: string;
  @IsString() @IsNotEmpty() source_code!: string;

  @Lines()
  items!: LineDto[];
}

/** `shipment_failed` of shipping.events.v1. */
export class ShipmentFailedDto {
  @IsString() @IsNotEmpty() shipment_request_id!: string;
  @IsString() reason!: string;
}

/** `source_deduction_completed` / `_rejected` of inventory.source-deductions.v1. */
export class DeductionOutcomeDto {
  @IsString() @IsNotEmpty() shipment_id!: string;
  @IsOptional() @IsString() message?: string;
}

/** `source_deduction_applied` of inventory.stock-levels.v1 (stock-aggregation). */
export class DeductionAppliedDto {
  @IsString() @IsNotEmpty() shipment_id!: string;
  @IsString() @IsNotEmpty() sku!: string;
}
