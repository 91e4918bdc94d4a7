import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  Equals,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsLatitude,
  IsLongitude,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsOptional,
  IsPositive,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';

export const MAX_ORDER_LINES = 1000;

export class SalesChannelDto {
  @ApiProperty({ example: 'website' })
  @Equals('website')
  type!: 'website';

  @ApiProperty({ example: 'base' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'code must be letters, digits, _ or - (1 to 64)' })
  code!: string;
}

export class OrderItemDto {
  @ApiProperty({ example: 'TSHIRT-M' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  sku!: string;

  @ApiProperty({ example: 1 })
  @IsNumber({ maxDecimalPlaces: 4, allowNaN: false, allowInfinity: false })
  @IsPositive()
  qty!: number;
}

export class CreditmemoItemDto extends OrderItemDto {
  @ApiProperty()
  @IsBoolean()
  back_to_stock!: boolean;
}

export class ShippingAddressDto {
  @ApiProperty({ example: 'DE' })
  @Matches(/^[A-Z]{2}$/)
  country!: string;

  @ApiProperty({ example: '10115' })
  @IsString()
  @MaxLength(64)
  postcode!: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(255) region?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(255) city?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1024) street?: string;
  @ApiPropertyOptional() @IsOptional() @IsLatitude() latitude?: number;
  @ApiPropertyOptional() @IsOptional() @IsLongitude() longitude?: number;
}

/** What an order and a cart hold both name: a sales channel and its lines. */
export abstract class ChannelLinesDto {
  @ApiProperty({ type: SalesChannelDto })
  @IsObject()
  @ValidateNested()
  @Type(() => SalesChannelDto)
  sales_channel!: SalesChannelDto;

  @ApiProperty({ type: [OrderItemDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ORDER_LINES)
  @ValidateNested({ each: true })
  @Type(() => OrderItemDto)
  items!: OrderItemDto[];
}

/** The `order` of `order_placed` and of the checkout API. */
export class PlacedOrderDto extends ChannelLinesDto {
  @ApiProperty({ example: '100000123' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  id!: string;

  @ApiProperty({ example: '000000123' })
  @IsString()
  @MaxLength(255)
  increment_id!: string;

  @ApiPropertyOptional({ type: ShippingAddressDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ShippingAddressDto)
  shipping_address?: ShippingAddressDto;

  @ApiPropertyOptional({ description: 'Converts this cart hold into the order reservation' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  hold_id?: string;
}

export class CheckoutRequest {
  @ApiProperty({ type: PlacedOrderDto })
  @IsObject()
  @ValidateNested()
  @Type(() => PlacedOrderDto)
  order!: PlacedOrderDto;
}

export class CanceledOrderDto {
  @IsString() @IsNotEmpty() @MaxLength(255) id!: string;

  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ORDER_LINES)
  @ValidateNested({ each: true })
  @Type(() => OrderItemDto)
  items?: OrderItemDto[];
}

export class CreditmemoOrderDto {
  @IsString() @IsNotEmpty() @MaxLength(255) id!: string;
  @IsString() @IsNotEmpty() @MaxLength(255) creditmemo_id!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ORDER_LINES)
  @ValidateNested({ each: true })
  @Type(() => CreditmemoItemDto)
  items!: CreditmemoItemDto[];
}

/** Envelope of commerce.orders.v1 (see docs/contracts). */
abstract class OrderEventDto {
  @IsUUID() event_id!: string;
  @IsString() type!: string;
  @IsISO8601() occurred_at!: string;
}

export class OrderPlacedEventDto extends OrderEventDto {
  @IsIn(['order_placed']) declare type: 'order_placed';
  @IsObject() @ValidateNested() @Type(() => PlacedOrderDto) order!: PlacedOrderDto;
}

export class OrderCanceledEventDto extends OrderEventDto {
  @IsIn(['order_canceled']) declare type: 'order_canceled';
  @IsObject() @ValidateNested() @Type(() => CanceledOrderDto) order!: CanceledOrderDto;
}

export class CreditmemoCreatedEventDto extends OrderEventDto {
  @IsIn(['creditmemo_created']) declare type: 'creditmemo_created';
  @IsObject() @ValidateNested() @Type(() => CreditmemoOrderDto) order!: CreditmemoOrderDto;
}
