import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { MAX_ORDER_LINES, OrderItemDto, SalesChannelDto } from '../orders/order.dto';

export const MAX_HOLD_TTL_SECONDS = 86400;

export class PlaceHoldRequest {
  @ApiProperty({ example: 'cart-42' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  hold_id!: string;

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

  @ApiProperty({ example: 900, minimum: 1, maximum: MAX_HOLD_TTL_SECONDS })
  @IsInt()
  @Min(1)
  @Max(MAX_HOLD_TTL_SECONDS)
  ttl_seconds!: number;
}

export class ExtendHoldRequest {
  @ApiProperty({ example: 900, minimum: 1, maximum: MAX_HOLD_TTL_SECONDS })
  @IsInt()
  @Min(1)
  @Max(MAX_HOLD_TTL_SECONDS)
  ttl_seconds!: number;
}
