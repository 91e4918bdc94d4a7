import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';

const MAX_LINKS = 1000;

/** Shapes only; positivity, whitespace and the default-link rules are the domain's. */
export class LinkKeyDto {
  @ApiProperty({ example: 2 }) @IsInt() stock_id!: number;
  @ApiProperty({ example: 'eu-1' }) @IsString() @MaxLength(255) source_code!: string;
}

export class LinkDto extends LinkKeyDto {
  @ApiProperty({ example: 1 }) @IsInt() priority!: number;
}

/** Magento's delete body may carry priority too; it is ignored. */
export class LinkToDeleteDto extends LinkKeyDto {
  @IsOptional() @IsInt() priority?: number;
}

export class SaveLinksRequest {
  @ApiProperty({ type: [LinkDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_LINKS)
  @ValidateNested({ each: true })
  @Type(() => LinkDto)
  links!: LinkDto[];
}

export class DeleteLinksRequest {
  @ApiProperty({ type: [LinkToDeleteDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_LINKS)
  @ValidateNested({ each: true })
  @Type(() => LinkToDeleteDto)
  links!: LinkToDeleteDto[];
}
