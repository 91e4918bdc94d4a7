import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsLatitude,
  IsLongitude,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsOptional,
  IsPositive,
  IsString,
  Min,
  ValidateNested,
} from 'class-validator';

export class RequestItemDto {
  @ApiProperty({ example: 'TSHIRT-M' })
  @IsString()
  @IsNotEmpty()
  sku!: string;

  @ApiProperty({ example: 2 })
  @IsNumber({ maxDecimalPlaces: 4 })
  @IsPositive()
  qty!: number;
}

export class DestinationAddressDto {
  @ApiProperty({ example: 'FR' }) @IsString() @IsNotEmpty() country!: string;
  @ApiPropertyOptional({ example: '69001' }) @IsOptional() @IsString() postcode?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() region?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() city?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() street?: string;
  @ApiPropertyOptional() @IsOptional() @IsLatitude() latitude?: number;
  @ApiPropertyOptional() @IsOptional() @IsLongitude() longitude?: number;
}

export class RequestExtensionDto {
  @ApiPropertyOptional({ type: DestinationAddressDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => DestinationAddressDto)
  destination_address?: DestinationAddressDto;
}

export class InventoryRequestDto {
  @ApiProperty({ example: 1 }) @IsInt() @Min(1) stockId!: number;

  @ApiProperty({ type: [RequestItemDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => RequestItemDto)
  items!: RequestItemDto[];

  @ApiPropertyOptional({ type: RequestExtensionDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => RequestExtensionDto)
  extension_attributes?: RequestExtensionDto;
}

export class SelectionRequestDto {
  @ApiProperty({ type: InventoryRequestDto })
  @IsObject()
  @ValidateNested()
  @Type(() => InventoryRequestDto)
  inventoryRequest!: InventoryRequestDto;

  @ApiProperty({ example: 'priority' })
  @IsString()
  @IsNotEmpty()
  algorithmCode!: string;
}

export class SettingsDto {
  @ApiProperty({ example: 'distance' })
  @IsString()
  @IsNotEmpty()
  algorithmCode!: string;

  @ApiPropertyOptional({
    description: 'Plan on reservation (default true); false waits for shipment_requested',
  })
  @IsOptional()
  @IsBoolean()
  autoPlan?: boolean;
}
