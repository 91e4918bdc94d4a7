import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsString, Max, MaxLength, Min } from 'class-validator';
import { ChannelLinesDto } from '../orders/order.dto';

export const MAX_HOLD_TTL_SECONDS = 86400;

export class PlaceHoldRequest extends ChannelLinesDto {
  @ApiProperty({ example: 'cart-42' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  hold_id!: string;

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
