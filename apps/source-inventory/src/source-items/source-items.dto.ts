import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { ADJUSTMENT_REASONS, type AdjustmentReason } from '@inventory/contracts';

const MAX_ITEMS = 5000;

/** Quantities may come as JSON numbers or decimal strings; the domain checks their value. */
const IsQuantity = () => IsString({ message: '$property must be a number or a decimal string' });
const toQuantityString = () => Type(() => String);

export class SourceItemKeyDto {
  @ApiProperty({ example: 'SKU-1' }) @IsString() @MaxLength(64) sku!: string;
  @ApiProperty({ example: 'default' }) @IsString() @MaxLength(255) source_code!: string;
}

export class SourceItemDto extends SourceItemKeyDto {
  @ApiProperty({ example: 10, type: Number }) @toQuantityString() @IsQuantity() quantity!: string;
  @ApiProperty({ enum: [0, 1], example: 1 }) @IsIn([0, 1]) status!: 0 | 1;
}

export class SaveSourceItemsRequest {
  @ApiProperty({ type: [SourceItemDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ITEMS)
  @ValidateNested({ each: true })
  @Type(() => SourceItemDto)
  sourceItems!: SourceItemDto[];
}

export class DeleteSourceItemsRequest {
  @ApiProperty({ type: [SourceItemKeyDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ITEMS)
  @ValidateNested({ each: true })
  @Type(() => SourceItemKeyDto)
  sourceItems!: SourceItemKeyDto[];
}

export class AdjustmentDto extends SourceItemKeyDto {
  @ApiProperty({ example: -2, type: Number, description: 'Non-zero; negative removes stock' })
  @toQuantityString()
  @IsQuantity()
  delta!: string;

  @ApiProperty({ enum: ADJUSTMENT_REASONS }) @IsIn(ADJUSTMENT_REASONS) reason!: AdjustmentReason;

  @ApiPropertyOptional({ example: 'PO-1001' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  reference?: string;
}

export class AdjustSourceItemsRequest {
  @ApiProperty({ type: [AdjustmentDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ITEMS)
  @ValidateNested({ each: true })
  @Type(() => AdjustmentDto)
  adjustments!: AdjustmentDto[];
}

export class BulkAssignRequest {
  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ITEMS)
  @IsString({ each: true })
  skus!: string[];
  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsString({ each: true })
  sourceCodes!: string[];
}

export class LowQuantityConfigDto extends SourceItemKeyDto {
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: 'null: use the global default',
  })
  @IsOptional()
  @toQuantityString()
  @IsQuantity()
  notify_stock_qty?: string | null;
}

export class SaveLowQuantityConfigsRequest {
  @ApiProperty({ type: [LowQuantityConfigDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ITEMS)
  @ValidateNested({ each: true })
  @Type(() => LowQuantityConfigDto)
  sourceItemConfigurations!: LowQuantityConfigDto[];
}
