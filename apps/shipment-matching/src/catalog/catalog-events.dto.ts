import { Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Min,
  ValidateNested,
} from 'class-validator';

/** The parts of a source selection needs; the rest of the message is ignored. */
export class SourcePartDto {
  @IsString()
  @IsNotEmpty()
  source_code!: string;

  @IsBoolean()
  enabled!: boolean;

  @IsOptional()
  @IsNumber()
  latitude?: number | null;

  @IsOptional()
  @IsNumber()
  longitude?: number | null;

  @IsOptional()
  @IsBoolean()
  is_pickup_location_active?: boolean;
}

export class SourceEventDto {
  @ValidateNested()
  @Type(() => SourcePartDto)
  source!: SourcePartDto;
}

class LinkDto {
  @IsInt()
  @Min(1)
  stock_id!: number;

  @IsString()
  @IsNotEmpty()
  source_code!: string;

  @IsInt()
  priority!: number;
}

export class LinksEventDto {
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => LinkDto)
  links!: LinkDto[];
}

class ChannelDto {
  @IsString()
  type!: string;

  @IsString()
  code!: string;
}

class StockChannelsDto {
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ChannelDto)
  sales_channels!: ChannelDto[];
}

class StockPartDto {
  @IsInt()
  @Min(1)
  stock_id!: number;

  @IsObject()
  @ValidateNested()
  @Type(() => StockChannelsDto)
  extension_attributes!: StockChannelsDto;
}

export class StockSavedDto {
  @ValidateNested()
  @Type(() => StockPartDto)
  stock!: StockPartDto;
}

export class StockDeletedDto {
  @IsInt()
  @Min(1)
  stock_id!: number;
}

/** Every source-item event states the item after it (quantity, status). */
export class SourceItemEventDto {
  @IsString()
  @IsNotEmpty()
  source_code!: string;

  @IsString()
  @IsNotEmpty()
  sku!: string;

  @Matches(/^-?\d{1,15}(\.\d{1,4})?$/)
  quantity!: string;

  @IsIn([0, 1])
  status!: number;
}
