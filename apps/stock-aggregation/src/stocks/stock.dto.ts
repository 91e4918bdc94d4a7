import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';

/** Shapes only; the rules (non-empty name, channel codes, MSI messages) live in the domain. */
export class SalesChannelDto {
  @ApiProperty({ example: 'website' }) @IsString() @MaxLength(64) type!: string;
  @ApiProperty({ example: 'base' }) @IsString() @MaxLength(64) code!: string;
}

export class StockExtensionAttributesDto {
  @ApiPropertyOptional({ type: [SalesChannelDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => SalesChannelDto)
  sales_channels?: SalesChannelDto[];
}

export class StockDto {
  @ApiPropertyOptional({ example: 2 }) @IsOptional() @IsInt() stock_id?: number;

  @ApiProperty({ example: 'EU Stock' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  name?: string;

  @ApiPropertyOptional({ type: StockExtensionAttributesDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => StockExtensionAttributesDto)
  extension_attributes?: StockExtensionAttributesDto;
}

export class SaveStockRequest {
  @ApiProperty({ type: StockDto })
  @ValidateNested()
  @Type(() => StockDto)
  stock!: StockDto;
}
