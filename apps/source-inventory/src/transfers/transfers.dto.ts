import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';

export class TransferLineDto {
  @ApiProperty({ example: 'SKU-1' }) @IsString() @MaxLength(64) sku!: string;
  @ApiProperty({ example: 5, type: Number }) @Type(() => String) @IsString() qty!: string;
}

/** MSI: POST /V1/inventory/bulk-partial-source-transfer */
export class PartialTransferRequest {
  @ApiProperty() @IsString() originSourceCode!: string;
  @ApiProperty() @IsString() destinationSourceCode!: string;
  @ApiProperty({ type: [TransferLineDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => TransferLineDto)
  items!: TransferLineDto[];
}

/** MSI: POST /V1/inventory/bulk-product-source-transfer */
export class BulkTransferRequest {
  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  skus!: string[];
  @ApiProperty() @IsString() originSource!: string;
  @ApiProperty() @IsString() destinationSource!: string;
  @ApiPropertyOptional({ default: false }) @IsOptional() @IsBoolean() unassignFromOrigin?: boolean;
}

export class StagedTransferDto {
  @ApiPropertyOptional({ description: 'Idempotency key; generated when absent' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  transfer_id?: string;
  @ApiProperty() @IsString() origin_source_code!: string;
  @ApiProperty() @IsString() destination_source_code!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(128) reference?: string;
  @ApiProperty({ type: [TransferLineDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => TransferLineDto)
  items!: TransferLineDto[];
}

export class CreateStagedTransferRequest {
  @ApiProperty({ type: StagedTransferDto })
  @ValidateNested()
  @Type(() => StagedTransferDto)
  transfer!: StagedTransferDto;
}
