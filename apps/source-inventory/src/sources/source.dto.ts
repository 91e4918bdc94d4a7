import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

/** Shapes only; the business rules (required fields, MSI messages) live in the domain. */
export class CarrierLinkDto {
  @ApiProperty()
  @IsString()
  carrier_code!: string;

  @ApiProperty()
  @IsInt()
  @Min(0)
  position!: number;
}

export class SourceDto {
  @ApiProperty({ example: 'eu-warehouse' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  source_code!: string;

  @ApiProperty({ example: 'EU Warehouse' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  name!: string;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional() @IsOptional() @IsString() description?: string;
  @ApiPropertyOptional() @IsOptional() @IsNumber() latitude?: number;
  @ApiPropertyOptional() @IsOptional() @IsNumber() longitude?: number;

  @ApiProperty({ example: 'DE' })
  @IsOptional()
  @IsString()
  country_id!: string;

  @ApiPropertyOptional() @IsOptional() @IsInt() region_id?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() region?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() city?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() street?: string;

  @ApiProperty({ example: '10115' })
  @IsOptional()
  @IsString()
  postcode!: string;

  @ApiPropertyOptional() @IsOptional() @IsString() contact_name?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() email?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() phone?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() fax?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() use_default_carrier_config?: boolean;

  @ApiPropertyOptional({ type: [CarrierLinkDto] })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => CarrierLinkDto)
  carrier_links?: CarrierLinkDto[];

  @ApiPropertyOptional() @IsOptional() @IsBoolean() is_pickup_location_active?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() frontend_name?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() frontend_description?: string;

  /** MSI clients send extension_attributes; pickup fields may arrive there. */
  @ApiPropertyOptional({ type: Object })
  @IsOptional()
  extension_attributes?: Record<string, unknown>;
}

export class SaveSourceRequest {
  @ApiProperty({ type: SourceDto })
  @ValidateNested()
  @Type(() => SourceDto)
  source!: SourceDto;
}
