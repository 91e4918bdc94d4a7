import { ApiProperty } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsNotEmpty,
  IsString,
  MaxLength,
  Min,
} from 'class-validator';

export const MAX_BULK_SKUS = 5000;

export class SalableQuantitiesRequest {
  @ApiProperty({ example: 1 })
  @IsInt()
  @Min(1)
  stock_id!: number;

  @ApiProperty({ type: [String], maxItems: MAX_BULK_SKUS })
  @IsArray()
  @ArrayMaxSize(MAX_BULK_SKUS)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(255, { each: true })
  skus!: string[];
}
